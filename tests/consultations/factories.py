"""Consultation comments built the way the public's arrive: through ``comment_submit``."""

import factory

from consultations.models import ConsultationComment
from consultations.services import comment_submit


class ConsultationCommentFactory(factory.django.DjangoModelFactory):
    """A valid comment awaiting moderation; pass ``consultation`` (a ConsultationPage)."""

    class Meta:
        model = ConsultationComment

    commenter_name = factory.Sequence(lambda n: f"Người góp ý {n}")
    commenter_email = factory.Sequence(lambda n: f"gop.y{n}@example.vn")
    commenter_phone = "0987 654 321"
    organisation = ""
    content = factory.Sequence(lambda n: f"Góp ý số {n}: đề nghị làm rõ phạm vi điều chỉnh của dự thảo.")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return comment_submit(**kwargs)
