"""API shapes of online surveys: the questionnaire, a response and its receipt."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from intake.honeypot import honeypot_serializer_field
from surveys.models import SurveyPage, SurveyQuestion
from surveys.rules import FREE_TEXT_MAX_LENGTH, SCALE_MAX, SCALE_MIN, QuestionKind, SurveyState, state_message


class SurveyQuestionSerializer(serializers.ModelSerializer):
    choices = serializers.ListField(
        child=serializers.CharField(), source="choice_list", help_text="Options of a choice question, in order."
    )
    scale_min = serializers.SerializerMethodField(help_text="Lowest level of a scale question.")
    scale_max = serializers.SerializerMethodField(help_text="Highest level of a scale question.")

    class Meta:
        model = SurveyQuestion
        fields = [
            "id", "text", "help_text", "kind", "required", "choices",
            "scale_min", "scale_max", "scale_min_label", "scale_max_label",
        ]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_scale_min(self, question):
        return SCALE_MIN if question.kind == QuestionKind.SCALE else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_scale_max(self, question):
        return SCALE_MAX if question.kind == QuestionKind.SCALE else None


class SurveySerializer(serializers.ModelSerializer):
    requesting_agency = serializers.CharField(source="requesting_agency_label")
    state = serializers.ChoiceField(choices=SurveyState.choices, help_text="Whether the survey takes answers now.")
    state_message = serializers.SerializerMethodField(help_text="Why the survey takes no answers now; empty when open.")
    questions = SurveyQuestionSerializer(many=True)

    class Meta:
        model = SurveyPage
        fields = ["id", "title", "intro", "requesting_agency", "opens_at", "closes_at", "state", "state_message",
                  "questions"]

    def get_state_message(self, page) -> str:
        return state_message(state=page.state, opens_at=page.opens_at, closes_at=page.closes_at)


class AnswerInputSerializer(serializers.Serializer):
    """One answer; fill the member that fits the question's kind."""

    question = serializers.IntegerField(help_text="Id of the question.")
    choice = serializers.CharField(required=False, allow_blank=True, help_text="Single choice: the option chosen.")
    choices = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Multiple choice: the options chosen."
    )
    value = serializers.IntegerField(
        required=False, allow_null=True, help_text=f"Scale: the level chosen, {SCALE_MIN} to {SCALE_MAX}."
    )
    text = serializers.CharField(
        required=False, allow_blank=True, max_length=FREE_TEXT_MAX_LENGTH * 2, help_text="Free text: the answer."
    )


def answer_raw(data: dict):
    """The value as the rules read it: whichever member was sent."""
    for name in ("choices", "choice", "value", "text"):
        if name in data:
            return data[name]
    return None


class SurveyResponseSubmitSerializer(serializers.Serializer):
    answers = AnswerInputSerializer(many=True, help_text="One entry per question answered.")
    website = honeypot_serializer_field()

    def raw_answers(self) -> dict[int, object]:
        return {item["question"]: answer_raw(item) for item in self.validated_data["answers"]}


class SurveyResponseReceiptSerializer(serializers.Serializer):
    submitted_at = serializers.DateTimeField()
    message = serializers.CharField()


class AnswerErrorsSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Question id → messages explaining why its answer was refused.",
    )
