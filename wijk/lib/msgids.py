"""Texts from Django and allauth that our own catalogue translates (locale/nl/LC_MESSAGES).

Django's and allauth's Dutch address the user with "u", or is technical or not B1, for these
texts (bewoners/tests/test_allauth_nl.py renders every allauth page in Dutch and checks). Our catalogue
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
    # allauth's own Dutch is formal, technical or not B1 for these (issue 15): on its pages,
    # in its messages and form errors, and in its e-mails. Words as the site says them:
    # "inloggen", "hoofdadres", "extra beveiliging", "herstelcodes", "Waar ben ik ingelogd".
    # allauth/account/adapter.py
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect code."),
    gettext_noop("Incorrect password."),
    gettext_noop("Invalid login."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Please select only one."),
    gettext_noop("The new value must be different from the current one."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Use authenticator app or code"),
    # allauth/account/forms.py
    gettext_noop("You must type the same password each time."),
    gettext_noop("Remember Me"),
    # allauth/mfa/adapter.py
    gettext_noop(
        "You cannot add an email address to an account protected by two-factor authentication."
    ),
    gettext_noop("You cannot deactivate two-factor authentication."),
    gettext_noop(
        "You cannot generate recovery codes without having two-factor authentication enabled."
    ),
    gettext_noop(
        "You cannot activate two-factor authentication until you have verified your email address."
    ),
    # allauth/mfa/totp/forms.py
    gettext_noop("Authenticator code"),
    # allauth/templates/account/account_inactive.html
    gettext_noop("Account Inactive"),
    gettext_noop("This account is inactive."),
    # allauth/templates/account/base_reauthenticate.html
    gettext_noop("Confirm Access"),
    gettext_noop("Please reauthenticate to safeguard your account."),
    gettext_noop("Alternative options"),
    # allauth/templates/account/confirm_email_verification_code.html
    gettext_noop("Email Verification"),
    # allauth/templates/account/confirm_login_code.html
    gettext_noop("Sign In"),
    # allauth/templates/account/email/account_already_exists_message.txt
    gettext_noop(
        "You are receiving this email because you or someone else tried to signup for an\n"
        "account using email address:\n\n%(email)s\n\nHowever, an account using that email "
        "address already exists.  In case you have\nforgotten about this, please use the "
        "password forgotten procedure to recover\nyour account:\n\n%(password_reset_url)s"
    ),
    # allauth/templates/account/email/base_message.txt
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
    # allauth/templates/account/email/base_notification.txt
    gettext_noop(
        "You are receiving this mail because the following change was made to your account:"
    ),
    gettext_noop(
        "If you do not recognize this change then please take proper security precautions "
        "immediately. The change to your account originates from:\n\n- IP address: %(ip)s\n- "
        "Browser: %(user_agent)s\n- Date: %(timestamp)s"
    ),
    # allauth/templates/account/email/email_changed_message.txt
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    # allauth/templates/account/email/email_confirm_subject.txt
    gettext_noop("Email Confirmation"),
    # allauth/templates/account/email/email_confirmation_message.txt
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email "
        "address to register an account on %(site_domain)s."
    ),
    gettext_noop("To confirm this is correct, go to %(activate_url)s"),
    # allauth/templates/account/email/email_deleted_message.txt
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    # allauth/templates/account/email/password_reset_key_message.txt
    gettext_noop(
        "You're receiving this email because you or someone else has requested a password "
        "reset for your user account.\nIt can be safely ignored if you did not request a "
        "password reset. Click the link below to reset your password."
    ),
    # allauth/templates/account/email/unknown_account_message.txt
    gettext_noop(
        "You are receiving this email because you, or someone else, tried to access an "
        "account with email %(email)s. However, we do not have any record of such an account "
        "in our database."
    ),
    # allauth/templates/account/email_change.html
    gettext_noop("Current email"),
    gettext_noop("Changing to"),
    gettext_noop("Your email address is still pending verification."),
    gettext_noop("Cancel Change"),
    gettext_noop("Change to"),
    gettext_noop("Change Email"),
    # allauth/templates/account/email_confirm.html
    gettext_noop("Confirm Email Address"),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address '
        "for user %(user_display)s."
    ),
    gettext_noop(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    gettext_noop(
        "This email confirmation link expired or is invalid. Please <a "
        'href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    # allauth/templates/account/login.html
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    # allauth/templates/account/logout.html
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    # allauth/templates/account/messages/cannot_delete_primary_email.txt
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    # allauth/templates/account/messages/email_confirmation_sent.txt
    gettext_noop("Confirmation email sent to %(email)s."),
    # allauth/templates/account/messages/email_confirmed.txt
    gettext_noop("You have confirmed %(email)s."),
    # allauth/templates/account/messages/email_deleted.txt
    gettext_noop("Removed email address %(email)s."),
    # allauth/templates/account/messages/logged_in.txt
    gettext_noop("Successfully signed in as %(name)s."),
    # allauth/templates/account/messages/logged_out.txt
    gettext_noop("You have signed out."),
    # allauth/templates/account/messages/password_changed.txt
    gettext_noop("Password successfully changed."),
    # allauth/templates/account/messages/password_set.txt
    gettext_noop("Password successfully set."),
    # allauth/templates/account/messages/primary_email_set.txt
    gettext_noop("Primary email address set."),
    # allauth/templates/account/password_reset.html
    gettext_noop("Reset My Password"),
    # allauth/templates/account/password_reset_from_key.html
    gettext_noop("Bad Token"),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used.  "
        'Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    # allauth/templates/account/password_set.html
    gettext_noop("Set Password"),
    # allauth/templates/account/reauthenticate.html
    gettext_noop("Enter your password:"),
    # allauth/templates/account/request_login_code.html
    gettext_noop("Other sign-in options"),
    # allauth/templates/account/signup.html
    gettext_noop("Signup"),
    gettext_noop("Sign Up"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    # allauth/templates/account/signup_closed.html
    gettext_noop("Sign Up Closed"),
    gettext_noop("We are sorry, but the sign up is currently closed."),
    # allauth/templates/account/snippets/warn_no_email.html
    gettext_noop(
        "You currently do not have any email address set up. You should really add an email "
        "address so you can receive notifications, reset your password, etc."
    ),
    # allauth/templates/account/verification_sent.html
    gettext_noop("Verify Your Email Address"),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize "
        "the signup process. If you do not see the verification email in your main inbox, "
        "check your spam folder. Please contact us if you do not receive the verification "
        "email within a few minutes."
    ),
    # allauth/templates/account/verified_email_required.html
    gettext_noop(
        "This part of the site requires us to verify that\nyou are who you claim to be. For "
        "this purpose, we require that you\nverify ownership of your email address. "
    ),
    gettext_noop(
        "We have sent an email to you for\nverification. Please click on the link inside that "
        "email. If you do not see the verification email in your main inbox, check your spam "
        "folder. Otherwise\ncontact us if you do not receive it within a few minutes."
    ),
    gettext_noop(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your email '
        "address</a>."
    ),
    # allauth/templates/allauth/layouts/base.html
    gettext_noop("Two-Factor Authentication"),
    gettext_noop("Sessions"),
    # allauth/templates/mfa/authenticate.html
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an "
        "authenticator code:"
    ),
    # allauth/templates/mfa/email/recovery_codes_generated_message.txt
    gettext_noop("A new set of Two-Factor Authentication recovery codes has been generated."),
    # allauth/templates/mfa/email/recovery_codes_generated_subject.txt
    gettext_noop("New Recovery Codes Generated"),
    # allauth/templates/mfa/email/totp_activated_message.txt
    gettext_noop("Authenticator app activated."),
    # allauth/templates/mfa/email/totp_activated_subject.txt
    gettext_noop("Authenticator App Activated"),
    # allauth/templates/mfa/email/totp_deactivated_message.txt
    gettext_noop("Authenticator app deactivated."),
    # allauth/templates/mfa/email/totp_deactivated_subject.txt
    gettext_noop("Authenticator App Deactivated"),
    # allauth/templates/mfa/index.html
    gettext_noop("Authentication using an authenticator app is active."),
    gettext_noop("An authenticator app is not active."),
    gettext_noop("Deactivate"),
    gettext_noop("Activate"),
    gettext_noop("No recovery codes set up."),
    gettext_noop("View"),
    gettext_noop("Generate"),
    # allauth/templates/mfa/messages/recovery_codes_generated.txt
    gettext_noop("A new set of recovery codes has been generated."),
    # allauth/templates/mfa/reauthenticate.html
    gettext_noop("Enter an authenticator code:"),
    # allauth/templates/mfa/recovery_codes/generate.html
    gettext_noop("You are about to generate a new set of recovery codes for your account."),
    gettext_noop("This action will invalidate your existing codes."),
    gettext_noop("Are you sure?"),
    # allauth/templates/mfa/recovery_codes/index.html
    gettext_noop("Generate new codes"),
    # allauth/templates/mfa/totp/activate_form.html
    gettext_noop("Activate Authenticator App"),
    # allauth/templates/mfa/totp/deactivate_form.html
    gettext_noop("Deactivate Authenticator App"),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
    # allauth/templates/usersessions/messages/sessions_logged_out.txt
    gettext_noop("Signed out of all other sessions."),
    # allauth/templates/usersessions/usersession_list.html
    gettext_noop("Started At"),
    gettext_noop("IP Address"),
    gettext_noop("Last seen at"),
    gettext_noop("Current"),
    gettext_noop("Sign Out Other Sessions"),
    # allauth/usersessions/apps.py
    gettext_noop("User Sessions"),
]
