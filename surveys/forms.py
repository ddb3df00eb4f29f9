"""The public questionnaire form: one field per question, plus the honeypot.

The fields collect what the respondent sent and judge nothing: the rules of
``surveys.rules``, applied by ``survey_response_submit``, give every refusal, so the
portal and the API refuse the same answers with the same words.
"""

from django import forms

from intake.honeypot import HoneypotFormMixin
from surveys.rules import FREE_TEXT_MAX_LENGTH, QuestionKind
from surveys.selectors import scale_level_label


def question_field_name(question, position: int = 0) -> str:
    # Unsaved questions (a new survey in the admin's preview) have no id yet.
    return f"q_{question.pk}" if question.pk else f"q_new{position}"


def _widget(question):
    if question.kind == QuestionKind.SINGLE_CHOICE:
        return forms.RadioSelect(choices=[(option, option) for option in question.choice_list])
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.CheckboxSelectMultiple(choices=[(option, option) for option in question.choice_list])
    if question.kind == QuestionKind.SCALE:
        return forms.RadioSelect(
            choices=[(str(level), scale_level_label(question, level)) for level in question.scale_levels],
            attrs={"class": "scale"},
        )
    return forms.Textarea(attrs={"rows": 4, "maxlength": FREE_TEXT_MAX_LENGTH})


class SurveyForm(HoneypotFormMixin, forms.Form):
    # The honeypot (HoneypotFormMixin) comes first; the template shows it on its own.
    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.field_names = [question_field_name(question, position) for position, question in enumerate(self.questions)]
        for name, question in zip(self.field_names, self.questions):
            self.fields[name] = forms.Field(
                label=question.text, help_text=question.help_text, required=False, widget=_widget(question)
            )
            self.fields[name].question = question

    def question_fields(self):
        return [self[name] for name in self.field_names]

    def raw_answers(self) -> dict[int, object]:
        """What was sent per question id, before any judgement."""
        return {
            question.pk: self.cleaned_data.get(name) for name, question in zip(self.field_names, self.questions)
        }

    def add_answer_errors(self, message_dict: dict[str, list[str]]) -> None:
        names = {str(question.pk): name for name, question in zip(self.field_names, self.questions)}
        for key, messages in message_dict.items():
            for message in messages:
                self.add_error(names.get(key), message)
