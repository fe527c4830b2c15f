"""``manage.py platformrol naam@voorbeeld.nl platformbeheerder [--weghalen]``: give (or take)
a role across coöperaties. The platform beheerder sets coöperaties up in the admin (and must
use a second factor there); the netwerkbestuur sees the federation report."""

from django.core.management.base import BaseCommand, CommandError

from bewoners.models import User
from bewoners.roles import PlatformRol, assign_platform_role, remove_platform_role


class Command(BaseCommand):
    help = "Geeft een account een rol over alle coöperaties heen (of haalt die weg)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="Het e-mailadres van het account.")
        parser.add_argument("rol", choices=PlatformRol.values, help="De rol.")
        parser.add_argument("--weghalen", action="store_true", help="Haal de rol weg.")

    def handle(self, *args, email, rol, weghalen, **options):
        user = User.objects.filter(email__iexact=(email or "").strip()).first()
        if user is None:
            raise CommandError(f"Er is geen account met het e-mailadres {email}.")
        if weghalen:
            remove_platform_role(user, rol)
            self.stdout.write(f"{user.email} is geen {rol} meer.")
            return
        assign_platform_role(user, rol)
        if rol == PlatformRol.PLATFORMBEHEERDER and not user.is_staff:
            user.is_staff = True  # the admin is where coöperaties are set up
            user.save(update_fields=["is_staff"])
        self.stdout.write(f"{user.email} is nu {rol}.")
