"""The page side of a public intake: a form posted to a portal page.

    precheck → rate limit → honeypot → validate (form) → submit (service) → redirect

``PageIntake.handle`` runs the steps and returns either a redirect (taken, or a robot
fooled: both look the same) or an :class:`IntakeFormState`, the form to render again
with the status and the reason. The page then renders as usual with that state. A
subclass fills the hooks; a hook refuses by raising :class:`IntakePageRefused`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.shortcuts import redirect


@dataclass
class IntakeFormState:
    """What the page shows after a refused POST."""

    form: object
    refusal: str = ""
    status: int = 200
    rate_limited: bool = False


class IntakePageRefused(Exception):
    """A hook's refusal: render ``form`` (by default the one sent) with this status."""

    def __init__(self, *, status: int = 200, refusal: str = "", form=None):
        super().__init__(refusal)
        self.status, self.refusal, self.form = status, str(refusal), form


class PageIntake:
    """Base of every public form posted to a page. Subclasses set
    ``rate_limited_message`` and write ``form_new``, ``rate_check``, ``submit`` and
    ``sent_url``; the optional hooks refuse before anything is counted
    (``precheck``), fool a robot (``robot_fooled``) or remember what was taken
    (``taken``)."""

    rate_limited_message = ""

    def __init__(self, *, page, request):
        self.page, self.request = page, request

    # --- hooks ---------------------------------------------------------------------

    def form_new(self, data=None, files=None, initial=None):
        raise NotImplementedError

    def rate_check(self):
        raise NotImplementedError

    def precheck(self) -> None:
        """Refuse before the rate limit counts the attempt."""

    def submit(self, form):
        """Call the service with the valid form's data; return what it stored."""
        raise NotImplementedError

    def sent_url(self) -> str:
        raise NotImplementedError

    def robot_fooled(self) -> None:
        """Make the robot's redirect look like a real one (nothing is stored)."""

    def taken(self, submitted) -> None:
        """Remember the submission for the page shown after the redirect."""

    def rate_limited_form(self):
        # The form comes back with what was typed, nothing judged.
        return self.form_new(initial=self.request.POST.dict())

    # --- the pipeline --------------------------------------------------------------

    def handle(self):
        try:
            self.precheck()
            if not self.rate_check().allowed:
                return IntakeFormState(
                    form=self.rate_limited_form(), refusal=str(self.rate_limited_message), status=429,
                    rate_limited=True,
                )
            form = self.form_new(data=self.request.POST, files=self.request.FILES)
            if form.is_robot:
                self.robot_fooled()
                return redirect(self.sent_url())
            if not form.is_valid():
                return IntakeFormState(form=form)
            try:
                submitted = self.submit(form)
            except IntakePageRefused as refused:
                if refused.form is None:
                    refused.form = form
                raise
        except IntakePageRefused as refused:
            return IntakeFormState(form=self.form_new() if refused.form is None else refused.form, refusal=refused.refusal, status=refused.status)
        self.taken(submitted)
        return redirect(self.sent_url())
