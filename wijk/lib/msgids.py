"""Texts from Django and allauth that our own catalogue translates (locale/nl/LC_MESSAGES).

Django's and allauth's Dutch address the user with "u" or is not B1 for these texts. Our catalogue
gives them a plain, informal translation ("je"), and LOCALE_PATHS win over the catalogues of the
packages. These texts appear nowhere else in our code, so ``makemessages`` would drop them from
the catalogue; listing them here keeps them. Nothing imports this module.

Each msgid must match the package's source exactly (note the curly apostrophe ’). When Django or
allauth change a text, the test in wijk/tests/test_translations.py shows it.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

MSGIDS = [
    # django.contrib.auth.password_validation: help texts under the password field.
    gettext_noop("Your password can’t be too similar to your other personal information."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    # django.contrib.auth.password_validation: error messages.
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    # django.contrib.auth.forms
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    # allauth: templates/account/password_reset.html and password_reset_done.html.
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. "
        "Otherwise contact us if you do not receive it in a few minutes."
    ),
]
