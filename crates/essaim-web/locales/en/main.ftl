# Essaim — English texts. Short sentences, no technical words.

## Navigation and frame
nav-skip = Skip to content
nav-label = Main menu
nav-home = Home
nav-account = My account
nav-outbox = Sent emails
nav-register = Create an account
nav-login = Log in
nav-logout = Log out
footer-text = { $instance } runs on Essaim, free software for networks of cooperative groups.
footer-text-plain = Essaim is free software for networks of cooperative groups.
footer-api = For tools: the API
lang-fr = Français
lang-en = English
pager-previous = Previous page
pager-next = Next page

## Home
home-title = Home
home-hero-title = Welcome to { $instance }
home-hero-lead = A shared space for the groups of our network: we share what we learn, talk, meet and help each other.
home-join = Create my account
home-my-account = My account
home-how-title = How it works
home-step1-title = 1. Create your account
home-step1-text = All you need is a name and an email address. We will send you a message to confirm it.
home-step2-title = 2. Join groups
home-step2-text = Find the groups that suit you, near where you live or about something you care about.
home-step3-title = 3. Take part at your own pace
home-step3-text = On the website or just by email: it is up to you.

## Form fields
form-has-errors = Something is not right. Please check:
field-name = Your name
field-name-hint = The name others will see. Your first name is enough.
field-email = Email address
field-email-hint = We use it to write to you. It is never shown to others.
field-password = Password
field-password-hint = At least 10 characters. A short sentence that is easy to remember is perfect.
field-new-password = New password
field-current-password = Current password
field-show-password = Show the password
field-lang = Language of the site
field-email-frequency = When do you want emails about what is happening?
field-newsletter = I want to receive the network's newsletter
frequency-immediate = For every new message
frequency-daily = One summary a day
frequency-weekly = One summary a week
frequency-never = Never: I look on the website

## Registration
register-title = Create an account
register-lead = It only takes a few seconds. Then you can join groups and take part.
register-submit = Create my account
register-have-account = Already have an account?
inbox-title = Check your email
inbox-register = We sent a message to { $email }. Click the link inside to confirm your address.
inbox-login = If there is an account with the address { $email }, we just sent it a link to log in. It works for 20 minutes.
inbox-reset = If there is an account with the address { $email }, we just sent it a link to choose a new password. It works for one hour.
inbox-not-received = Nothing after a few minutes? Look in your spam folder, or try again.

## Login
login-title = Log in
login-link-title = Get a login link
login-link-lead = No password needed: we email you a link, you click it, and you are in.
login-link-button = Get a link by email
login-link-send = Send me the link
login-with-password = Log in with a password
login-password-title = Or with your password
login-submit = Log in
login-forgot = Forgot your password?
login-no-account = No account yet?
login-link-confirm-title = Log in
login-link-confirm-lead = Press the button to finish logging in.
login-link-confirm-button = Log me in
link-request-new = Ask for a new link

## Forgotten password
forgot-title = Forgot your password
forgot-lead = Enter your email address: we will send you a link to choose a new password.
forgot-submit = Get the link
reset-title = Choose a new password
reset-submit = Save the password

## My account
account-title = My account
account-lead = You are logged in with the address { $email }.
account-profile = My details
account-save = Save
account-password = My password
account-password-save = Change the password
account-tokens = Access keys for tools
account-tokens-lead = An access key lets a program act on your behalf. Your administrator can create one for you.
account-tokens-empty = You have no access key. That is normal: most people do not need one.
token-name = Name
token-start = Start of the key
token-created = Created
token-last-used = Last used
token-state = State
token-active = Active
token-revoked = Withdrawn

## Messages after an action
flash-verified = Thank you! Your address is confirmed and you are logged in.
flash-logged-in = You are logged in. Welcome!
flash-logged-out = You are logged out. See you soon!
flash-account-saved = Your details are saved.
flash-password-changed = Your new password is saved.

## Sent emails (administration)
outbox-title = Sent emails
outbox-lead = Every email the site has sent or is holding. With no sending server configured, they stay here and you can read them.
outbox-empty = No email yet. They will appear here as soon as someone registers or asks for a link.
outbox-failed-count = { $count ->
    [one] One email could not be sent. See the error below.
   *[other] { $count } emails could not be sent. See the errors below.
}
outbox-when = Date
outbox-to = To
outbox-from = From
outbox-subject = Subject
outbox-state = State
outbox-attempts = Sending attempts
outbox-error = Last error
outbox-status-queued = Waiting
outbox-status-sent = Sent
outbox-status-failed = Failed
outbox-status-captured = Kept here (not sent)
outbox-back = All emails
outbox-text-part = Text version
outbox-html-part = Formatted version
outbox-raw = See the raw message

## Errors
error-back-home = Back to the home page
error-invalid-input = Some information is not right. Please correct it.
error-invalid-input-title = Information to correct
error-bad-request = We did not understand what was sent. Please try again from the form.
error-bad-request-title = Request not understood
error-login-required = Log in to see this page.
error-login-required-title = Login needed
error-forbidden = You do not have access to this page.
error-forbidden-title = Access restricted
error-not-found = This page does not exist or has moved.
error-not-found-title = Page not found
error-rate-limited = Too many attempts in a short time. Wait a few minutes, then try again.
error-rate-limited-title = A little patience
error-csrf = The form has expired. Go back, reload the page and try again: nothing was changed.
error-csrf-title = Form expired
error-link-invalid = This link no longer works: it was already used or it is too old. You can ask for a new one.
error-link-invalid-title = Link expired
error-internal = Something went wrong on our side. Nothing was lost; try again in a moment.
error-internal-title = Oops, a problem
error-timeout = The page took too long to answer. Try again in a moment.
error-timeout-title = Too slow
error-too-large = What you sent is too large.
error-too-large-title = Too large
error-email-empty = Enter your email address.
error-email-too-long = This email address is too long.
error-email-invalid = This email address does not look right. It should look like name@example.org.
error-name-empty = Enter your name.
error-name-too-long = This name is too long (80 characters at most).
error-name-invalid = This name contains invisible characters. Please type it again.
error-password-too-short = The password must be at least 10 characters long.
error-password-too-long = The password is too long (256 characters at most).
error-password-wrong = This is not your current password.
error-login-failed = The address or the password does not match. You can also get a login link by email.
error-email-not-verified = First confirm your address with the link we emailed you. You can also ask for a login link.
error-lang-unknown = This language is not offered. Choose French or English.
error-choice-unknown = Choose one of the options.

## Emails
email-greeting = Hello { $name },
email-footer = This message is sent to you by { $instance }.
email-link-fallback = If the button does not work, copy this link into your browser:
email-verify-subject = Confirm your address on { $instance }
email-verify-intro = Thank you for joining { $instance }! To confirm your email address, click the button below.
email-verify-button = Confirm my address
email-verify-outro = If you did not register, ignore this message: nothing will happen.
email-magic-link-subject = Your login link for { $instance }
email-magic-link-intro = Here is your link to log in to { $instance }. It works once, for 20 minutes.
email-magic-link-button = Log me in
email-magic-link-outro = If you did not ask for anything, ignore this message: nobody can log in without this link.
email-reset-subject = Choose a new password on { $instance }
email-reset-intro = You asked to change your password on { $instance }. The link works once, for one hour.
email-reset-button = Choose a new password
email-reset-outro = If you did not ask for anything, ignore this message: your password does not change.
email-already-registered-subject = You already have an account on { $instance }
email-already-registered-intro = Someone (probably you) tried to create an account on { $instance } with this address. You already have one: no need for another.
email-already-registered-button = Get a login link
email-already-registered-outro = If it was not you, ignore this message: your account does not change.

## Months
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
