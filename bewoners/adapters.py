from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from .models import Profiel
from .roles import Rol, assign_role, roles_of


class AccountAdapter(DefaultAccountAdapter):
    """Every new account is a bewoner with an (empty) profile; onboarding fills it."""

    @transaction.atomic
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        # Whatever language the person chose before signing up stays with the account.
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.taal = language
        if commit:
            user.save()
            Profiel.objects.get_or_create(user=user)
            assign_role(user, Rol.BEWONER)
        return user

    def get_signup_redirect_url(self, request):
        return reverse("bewoners:onboarding")

    def get_login_redirect_url(self, request):
        """Where to go after logging in without a ``?next=``: the welcome flow while it is
        open, then each role's own start: the buurtassistent's dashboard, the board's report,
        anyone else the resident start page."""
        user = request.user
        profiel = getattr(user, "profiel", None)
        if profiel is not None and profiel.onboarding_voltooid_op is None:
            return reverse("bewoners:onboarding")
        rollen = roles_of(user)  # the roles held here (a superuser holds none by name)
        if Rol.BUURTASSISTENT in rollen:
            return reverse("buurtassistenten:dashboard")
        if Rol.BESTUUR in rollen:
            return reverse("rapportages:rapport")
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        context.setdefault("wijk_naam", settings.WIJK_NAAM)
        return super().send_mail(template_prefix, email, context)
