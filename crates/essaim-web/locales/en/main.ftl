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


## Groups, directory, ecosystems
nav-groups = Groups
nav-review = Groups to approve
cancel = Cancel
pager-label = Pages
pager-position = Page { $page } of { $pages }
kind-thematic = Thematic group
kind-territorial = Local group
kind-support = Support group
kind-thematic-hint = gathered around a subject
kind-territorial-hint = gathered around a place
kind-support-hint = serving the other groups (facilitation, mutual help…)
status-preparing = Getting started
status-active = Active
status-archived = Archived
joining-open = Anyone can join in one click
joining-request = On request, accepted by a facilitator
role-member = Member
role-facilitator = Facilitator
role-leader = Leader
role-project_holder = Project holder
role-referent = Referent
role-moderator = Moderator
service-home = Group's website
service-information = Information
service-meetings = Meetings
service-discussions = Discussions
service-projects = Projects
service-resources = Resources
service-open_projects = Projects open to contributors
service-join = Join or leave
service-members = Member list
service-administration = Administration
service-follow_up = Project follow-up
visibility-members = Only the group's members see me in the list
visibility-everyone = Everyone can see me in the list
license-other = Other license
directory-title = The network's groups
directory-lead = { $count ->
    [0] No group matches yet.
    [one] One group matches your search.
   *[other] { $count } groups match your search.
}
directory-lead-map = The groups that gave their place, on the map.
directory-empty = No group matches these filters. Try removing one.
directory-all = All groups
directory-csv = Download the list (spreadsheet)
group-propose = Propose a group
group-referenced = Referenced
view-label = Display
view-cards = Cards
view-list = List
view-map = Map
filters-title = Filter
filter-search = Search
filter-any = All
filter-any-active = Active and getting started
filter-archived = Also show archived groups
filter-apply = Filter
field-keyword = Keyword
col-group = Group
col-kind = Type
col-place = Place
col-members = Members
members-count = { $count ->
    [0] No member yet
    [one] 1 member
   *[other] { $count } members
}
members-one = {"{"}n{"}"} member
members-other = {"{"}n{"}"} members
map-empty = No group has given its place yet.
map-error = The map could not load. Try the list.
map-fallback = See the list of groups
ecosystem-title = Ecosystem “{ $keyword }”
ecosystem-lead = All the groups that identify with “{ $keyword }”.
ecosystem-empty = No group uses the keyword “{ $keyword }” yet.
figure-groups = { $count ->
    [one] group
   *[other] groups
}
figure-members = { $count ->
    [one] member
   *[other] members
}
figure-several = of the members belong to several of these groups
share-title = Share / embed
share-lead = Copy this code into your website: the list will show there and stay up to date.
share-code = Code to copy
share-copy = Copy the code
share-copied = Copied!
embed-more = See everything on { $instance }
home-my-groups = My groups
home-no-groups = You are not in any group yet.
home-find-groups = Find groups
home-suggestions = Members of your groups also joined
home-suggestion-why = { $count ->
    [one] 1 person from your groups takes part
   *[other] { $count } people from your groups take part
}
home-ecosystems = The network's ecosystems
card-essentials = The essentials
card-more = To say more
card-place = Where the group is
card-partners = Partners
card-partners-hint = The organisations that support the group. Leave empty if there are none.
card-links = The group's tools
card-links-hint = The addresses of the tools the group uses. For a group hosted here, its own pages are used if you leave these empty.
field-group-name = Name of the group
field-summary = The group in one sentence
field-summary-hint = 140 characters at most. It shows in the directory.
field-kind = Type of group
field-slug = Short address
field-slug-hint = Used in the group's web address and email address. Letters without accents, digits and hyphens, for example gardens-lyon.
slug-suggestion = This address is free: { $slug }
field-hosted = Host the group's space here
field-hosted-hint = The group gets its pages, discussions and meetings on this site. Untick if the group already has its tools elsewhere: it will only have its card in the directory.
field-description = Description
field-description-hint = What the group does, for whom, how to take part. Simple formatting is possible (**bold**, lists with -).
field-keywords = Keywords
field-keywords-hint = Separated by commas, for example: garden, compost, food. Each keyword links the group to an ecosystem.
field-status = Where the group stands
field-joining = How to join the group
field-member-count = Number of members
field-member-count-hint = For a referenced group only: about how many people take part.
field-license = License of the group's work
field-license-hint = The group shares what it produces freely. CC BY-SA is recommended.
field-license-other = Name or address of the other license
field-country = Country
field-country-hint = The two-letter code, for example FR, BE, CH.
field-region = Region
field-latitude = Latitude
field-longitude = Longitude
field-coordinates-hint = To put the group on the map, for example 45.76 and 4.83 for Lyon.
field-partner-name = Partner { $n }: name
field-partner-url = Partner { $n }: website
charter-title = The network's charter
charter-lead = Every group of the network commits to:
charter-open = be open to anyone who wishes, without membership fee or other condition;
charter-power = develop its members' power to act;
charter-free = share what it produces publicly, under a free license.
charter-accept = I have read the charter and the group commits to it
group-new-title = Propose a group
group-new-lead = Fill in the group's card. Only the first four fields are required; everything can be changed later.
group-new-approval = A helper of the network will read your proposal before it shows in the directory. You can see where it stands on the group's page.
group-new-submit = Propose the group
group-edit-title = Edit the card of { $name }
group-edit-submit = Save the card
banner-title = Banner
banner-choose = Choose an image
banner-hint = A PNG, JPEG or WebP image of 8 MB at most. It will be cropped into a strip (1920 × 160).
banner-send = Upload the banner
logos-title = Partners' logos
logo-for = Logo of { $name }
logo-send = Upload
group-review-pending = This proposal is waiting for a helper to read it. It does not show in the directory yet.
group-review-refused = This proposal was not accepted. It does not show in the directory.
group-review-approved = This group is not shown in the directory.
group-join-title = Take part
group-join-open = This group is open: join it in one click.
group-join = Join the group
group-join-on-request = To join this group, send a request: a facilitator will answer you.
group-join-message = A few words to introduce yourself (optional)
group-ask-to-join = Ask to join
group-join-login = Log in to join this group.
group-you-are-member = You are a member of this group
group-leave = Leave the group
group-leave-confirm = Do you really want to leave this group?
group-request-pending = Your request is sent. You will get an email as soon as a facilitator answers.
group-archived = This group is archived: it can no longer be joined.
group-referenced-join = This group has its tools elsewhere: use its links to join it.
group-requests-title = { $count ->
    [one] One request to join the group
   *[other] { $count } requests to join the group
}
request-accept = Accept
request-decline = Decline
group-about = About
group-no-description = The group has not written its description yet.
group-license = The group's work is shared under the license
group-links = The group's tools
group-no-links = No link yet.
group-pages = The group's pages
group-members-link = See the members

## Projects, their news, the follow-up board and the catalogue
projects-title = Projects
projects-lead = What the group carries, who takes care of it and where it stands.
projects-none = No projects yet.
projects-catalogue-link = Projects open to contributors
projects-catalogue-title = Projects open to contributors
projects-catalogue-lead = Projects of every group looking for people to help. Pick one and say "I want to help".
projects-catalogue-none = No project matches.
projects-catalogue-feed = Follow new projects (Atom feed)
projects-filter = Filter
projects-previous = Previous page
projects-next = Next page
project-new = New project
project-edit = Edit the project
project-save = Save the project
project-follow-up = Project follow-up
project-open = Open to contributors
project-members-only = Members only
project-held-by = Carried by
project-keywords = Keywords
project-next-step = Next step:
project-status-idea = Idea
project-status-active = Under way
project-status-paused = Paused
project-status-done = Done
project-status-stopped = Stopped
project-visibility-public = Visible to everyone
project-visibility-members = Group members only
project-help-title = Want to help?
project-help-lead = The people carrying this project will get your name and email address to contact you, and you will get the project's news.
project-help-button = I want to help
project-help-done = Thank you! The people carrying the project got your message, and you will get its news.
project-help-login = Log in to offer your help.
project-news-title = Where it stands
project-news-none = No news yet.
project-news-post = Publish the news
project-news-by-email = by email
project-keyed-title = News of "{ $title }"
project-keyed-lead = Write in a few lines where the project stands. That's all: no need to log in.
field-project-title = Project name
field-project-summary = Short description
field-project-status = Where the project stands
field-project-next-step = Next step
field-project-next-step-hint = For example: "find a room for the March workshop".
field-project-keywords = Keywords
field-project-keywords-hint = Separated by commas, for example: seeds, garden.
field-project-holders = Who carries the project
field-project-open = Open to contributors: the project appears in the list of every group, with an "I want to help" button
field-project-visibility = Who can see the project
field-project-news = The news
field-project-news-hint = What moved forward, what is stuck, what you need.
field-project-keyword-filter = Keyword
field-project-region-filter = Region
field-project-group-filter = Group (short address)
field-follow-up-note = A note (optional)
follow-up-lead = Every week, go through the projects: those without news for longest are at the top. One click asks for news by email.
follow-up-project = Project
follow-up-last-news = Latest news
follow-up-next-step = Next step
follow-up-ask = Ask for news
follow-up-ask-button = Ask by email
follow-up-asked = asked on { $date }
follow-up-days = { $count ->
    [0] today
    [one] { $count } day ago
   *[other] { $count } days ago
}
follow-up-never = { $count ->
    [0] never, started today
    [one] never, created { $count } day ago
   *[other] never, created { $count } days ago
}
follow-up-review = Seen this week
follow-up-review-button = I went through them
flash-project-help-sent = Thank you! Your offer of help was sent.
flash-project-reviewed = Noted: this week's follow-up is done.
flash-project-asked = The request for news went out by email.
flash-project-news-thanks = Thank you for the news!
error-project-title-empty = Give the project a name.
error-project-text-too-long = This text is too long: please shorten it.
error-project-text-invalid = This text contains invisible characters or a line break. Please type it again.
error-project-news-empty = Write a few words about how the project is going.
error-project-holders-none = Choose at least one person carrying the project.
error-project-holders-too-many = At most ten people can carry a project.
error-project-holder-not-member = Only members of the group can carry a project.
email-project-help-subject = { $person } wants to help with "{ $project }"
email-project-help-intro = { $person } clicked "I want to help" on the project "{ $project }". You can write to them at { $address }.
email-project-help-button = See the project
email-project-help-outro = Try to answer soon: it is the best moment to welcome someone.
email-project-ask-subject = How is "{ $project }" going?
email-project-ask-intro = { $person } is going through the projects of the group { $group } and would like news of "{ $project }".
email-project-ask-button = Give news
email-project-ask-outro = The simplest way: reply to this email in a few lines, your answer will be published on the project's page. Or click the button.
email-project-news-subject = News of "{ $project }"
email-project-news-intro = { $person } gave news of the project "{ $project }": { $text }
email-project-news-button = See the project
email-project-news-outro = You get this message because you offered to help with this project.
email-project-news-expired-subject = Your reply to the group { $group } was not published
email-project-news-expired-intro = You replied to a request for news that is too old or unknown: nothing was published.
email-project-news-expired-button = See the group
email-project-news-expired-outro = You can give your news directly on the project's page.
email-project-news-not-holder-subject = Your reply about "{ $project }" was not published
email-project-news-not-holder-intro = This request for news was sent to someone else: only they can answer it by email. Nothing was published.
email-project-news-not-holder-button = See the group
email-project-news-not-holder-outro = If you carry this project too, give your news on its page.
email-project-news-empty-subject = Your reply about "{ $project }" was empty
email-project-news-empty-intro = We found no text in your reply: nothing was published.
email-project-news-empty-button = Write the news
email-project-news-empty-outro = Write a few lines at the top of your reply, or use the button.
group-partners = Partners
group-edit = Edit the card
members-title = The members of { $name }
members-you = you
members-change-roles = Change the roles
members-roles-of = Roles of { $name }
members-save-roles = Save the roles
members-none-visible = This group's members chose to be visible to other members only.
members-hidden = { $count ->
    [one] One other person chose to be visible to members only.
   *[other] { $count } other people chose to be visible to members only.
}
members-visibility-title = Who can see me in the list?
page-welcome-title = Welcome
page-welcome-body =
    # Welcome to { $name }

    { $description }

    This space belongs to the group: its members can edit every page.
page-meetings-title = Meetings
page-meetings-body =
    # Our meetings

    Say here when and where the group meets, and how to take part.
page-discussions-title = Discussions
page-discussions-body =
    # Discussions

    The group talks here and by email. Write what the group is talking about at the moment.
page-projects-title = Projects
page-projects-body =
    # Our projects

    The current projects of { $name }, and those looking for help.
page-resources-title = Resources
page-resources-body =
    # Resources

    The group's documents, guides and useful links, shared under the { $license } license.
page-join-title = Join the group
page-join-body =
    # Join { $name }

    { $summary }

    { $how }
page-join-open = Everyone is welcome: just click “Join the group” on the group's page.
page-join-request = Send a request from the group's page: a facilitator will answer you.
page-edit = Edit the page
page-save = Save the page
page-updated = Changed on { $date }
field-page-title = Title
field-page-content = Content
field-page-content-hint = Simple formatting: # Title, **bold**, - list, [text](address).
review-title = Groups to approve
review-lead = Proposed groups wait for your review before they show in the directory.
review-empty = No proposal waiting. All done!
review-approve = Approve and show
review-refuse = Do not accept
review-setting-title = Approval of new groups
review-setting-label = Proposed groups wait for a helper to approve them
flash-group-created = The group is created and shows in the directory.
flash-group-proposed = Thank you! Your proposal is sent; it will show in the directory once reviewed.
flash-group-saved = The group's card is saved.
flash-group-approved = The group is approved and shows in the directory.
flash-group-refused = The proposal is not accepted.
flash-banner-saved = The new banner is saved.
flash-logo-saved = The logo is saved.
flash-joined = Welcome to the group!
flash-join-requested = Your request is sent to the group's facilitators.
flash-left = You left the group.
flash-name-facilitator-first = The group must keep at least one facilitator: give this role to someone else first.
flash-request-accepted = The request is accepted; the person is told by email.
flash-request-declined = The request is declined; the person is told by email.
flash-roles-saved = The roles are saved.
flash-visibility-saved = Your choice is saved.
flash-page-saved = The page is saved.
flash-settings-saved = The setting is saved.
error-slug-empty = Choose a short address.
error-slug-format = Use only letters without accents, digits and single hyphens, with no hyphen at the start or end.
error-slug-lowercase = Write the short address in small letters, with no space at the start or end.
error-slug-length = The short address must be 2 to 40 characters long.
error-slug-reserved = This short address is reserved. Please choose another one.
error-slug-taken = Another group already uses this short address.
error-slug-fixed = A group's short address cannot change.
error-hosted-fixed = Whether a group is hosted or referenced cannot be changed here.
error-group-name-empty = Give the group a name.
error-group-name-too-short = The group's name must be at least 2 characters long.
error-group-name-too-long = The group's name must be 120 characters at most.
error-group-name-invalid = The group's name contains characters that are not allowed.
error-summary-empty = Say in one sentence what the group does.
error-summary-too-long = The summary must be 140 characters at most.
error-description-too-long = The description must be 20,000 characters at most.
error-keyword-too-long = Each keyword must be 40 characters at most.
error-keywords-too-many = You can add 20 keywords at most.
error-keyword-invalid = A keyword cannot contain / ? # < > or \.
error-latitude-range = The latitude must be between -90 and 90.
error-longitude-range = The longitude must be between -180 and 180.
error-coordinates-pair = Enter both the latitude and the longitude, or neither.
error-coordinate-invalid = Enter a number, for example 45.76.
error-url-invalid = This web address is not valid. It must start with https:// or http://.
error-country-invalid = Enter the country as its two-letter code, for example FR.
error-region-too-long = The region must be 80 characters at most.
error-member-count-range = The number of members must be between 0 and 10,000,000.
error-member-count-invalid = Enter the number of members in digits, for example 120.
error-group-kind-empty = Choose the type of group.
error-choice-invalid = This choice is not offered. Please pick one from the list.
error-license-other-empty = Enter the name or web address of the license.
error-license-other-too-long = The license name must be 200 characters at most.
error-partners-too-many = You can list 30 partners at most.
error-partner-name-empty = Give each partner a name.
error-partner-name-too-long = A partner's name must be 120 characters at most.
error-partner-name-invalid = A partner's name contains characters that are not allowed.
error-last-facilitator = A group always keeps at least one facilitator. Give this role to someone else first.
error-charter-required = To propose a group, you need to accept the network's charter.
error-group-not-joinable = This group cannot be joined here.
error-image-missing = Choose an image to upload.
error-image-not-image = This file is not an image. Choose a PNG, JPEG or WebP image.
error-image-type = This type of image is not accepted. Choose a PNG, JPEG or WebP image.
error-image-too-large = This image is too heavy: 8 MB at most.
error-image-too-many-pixels = This image is too big. Make it smaller before uploading it.
error-image-corrupt = This image is damaged and cannot be read.
error-json-body = The request body must be a JSON object.
error-json-type = This field has the wrong type.
error-json-unknown-field = This field does not exist.
error-page-number = This page number does not exist.
error-page-size = The number of results per page must be between 1 and 200.
error-page-title = Give the page a title (200 characters at most).
error-page-too-long = The page is too long. Split it into several pages.
email-join-request-subject = { $person } asks to join { $group }
email-join-request-intro = { $person } asks to join the group { $group }. Their message: “{ $message }”
email-join-request-button = Answer the request
email-join-request-outro = You receive this message because you facilitate this group.
email-join-accepted-subject = Welcome to { $group }!
email-join-accepted-intro = Good news: your request to join { $group } is accepted.
email-join-accepted-button = See the group
email-join-accepted-outro = See you soon in the group!
email-join-declined-subject = Your request for { $group }
email-join-declined-intro = Your request to join { $group } was not accepted this time. You can discover the network's other groups.
email-join-declined-button = See the group
email-join-declined-outro = You can reply to this message to talk it over with the facilitators.
field-pick-on-map = You can also click on the map to place the group.

## People (administration)
nav-people = People
people-title = Registered people
people-lead = Find a person by name or address to give them a role across the network: helper (helps groups and approves new ones) or administrator.
people-name = Person
people-roles = Roles in the network
people-helper = Helper
people-admin = Administrator
people-none = Nobody matches this search.
flash-keep-own-admin = You cannot remove your own administrator role: ask another administrator.

## The shared space (wiki)
nav-wiki = The network's wiki
nav-search = Search
group-wiki-link = The group's shared space
wiki-breadcrumbs = You are here
wiki-title = Shared space
wiki-changes = Recent changes
wiki-search = Search
wiki-of = The shared space of { $name }
wiki-lead = Here we keep what we learn: minutes, how-tos, decisions. Everyone can read; members write.
wiki-search-placeholder = A word, a subject…
wiki-pages = The pages
wiki-empty = No page yet. Create the first one!
wiki-new-title = Title of the new page
wiki-new = Create the page
wiki-all-changes = All changes
wiki-feed = Follow in a feed reader (Atom)
wiki-watch-wiki = Follow the whole shared space
wiki-watch-page = Follow this page
wiki-see-diff = see what changed
wiki-created = page created
wiki-no-changes = No change yet.
wiki-watching-immediate = You get an email for each change.
wiki-watching-daily = You get a daily summary of the changes.
wiki-watch-lead = Get an email when something changes.
wiki-watch-immediate = For each change
wiki-watch-daily = A daily summary
wiki-watch-stop = Stop following
wiki-access-members = For the group's members only
wiki-access-facilitators = For the group's facilitators only
wiki-toc = Contents
wiki-updated = Changed on { $date } by { $author } (version { $revision })
wiki-tools = Page tools
wiki-edit = Edit the page
wiki-history = History
wiki-files = Attached files
wiki-file-add = Attach a file
wiki-file-hint = Image (PNG, JPEG, WebP), PDF, document (ODT, DOCX…) or text, 10 MB at most.
wiki-file-send = Upload the file
wiki-page-settings = Who can read and edit this page?
wiki-settings = Who can read and edit the shared space?
wiki-missing-title = This page does not exist yet
wiki-missing-lead = A link leads here, but nobody has written the page yet. You can create it.
wiki-create = Create this page
wiki-editing = Edit “{ $title }”
wiki-creating = New page
field-page-title-hint = A readable title, for example “Minutes of 12 March”. The page's address comes from it.
field-edit-summary = What you changed (optional)
field-edit-summary-hint = A few words for the history, for example “added the dates”.
toolbar-label = Formatting
toolbar-bold = Bold
toolbar-heading = Heading
toolbar-list = List
toolbar-link = Link
toolbar-link-prompt = Address of the link:
toolbar-image = Image
toolbar-image-prompt = Address of the image:
toolbar-wikilink = Link to a page
toolbar-wikilink-prompt = Name of the page:
wiki-save = Save
wiki-preview = Preview
cheat-title = Formatting cheat sheet
cheat-bold-word = bold
cheat-italic-word = italic
cheat-heading = Heading
cheat-heading-hint = a heading; ## for a subheading
cheat-item = item
cheat-list-hint = a bulleted list
cheat-numbered-hint = a numbered list
cheat-task = to do
cheat-task-hint = a checkbox
cheat-text = text
cheat-link-hint = a link to a website
cheat-page = Page name
cheat-wikilink-hint = a link to a page of this space (offered for creation if it does not exist)
cheat-table-hint = a table (one line per row)
conflict-title = Someone edited the page at the same time as you
conflict-lead = { $author } saved a new version on { $date }. Nothing is lost: here are your text and theirs. Choose what you keep.
conflict-diff = The differences
conflict-diff-hint = Struck out: only in their version. Underlined: only in yours.
conflict-mine = Your version
conflict-keep-mine = Save my version (it replaces theirs)
conflict-theirs = Their version, saved
conflict-keep-theirs = Keep their version
history-title = History of “{ $title }”
history-from = From
history-to = To
history-version = Version
history-who = Who
history-summary = Change
history-number = version { $n }
history-restore = Restore this version
history-restore-confirm = Restore version { $n }? It becomes the newest; nothing is deleted.
history-compare = Compare the two chosen versions
history-contributors = Who contributed
history-revisions = { $count ->
    [one] 1 version
   *[other] { $count } versions
}
diff-title = Differences
diff-heading = From version { $from } to version { $to }
diff-lead = Struck out: text removed. Underlined: text added.
diff-title-changed = The title changed from “{ $old }” to “{ $new }”.
revision-old = You are reading version { $n }, of { $date }.
revision-current = See the current version
page-settings-title = Who can read and edit “{ $title }”?
access-read = Who can read
access-edit = Who can edit
access-inherit = Like the rest of the shared space
access-read-everyone = Everyone, even without an account
access-read-members = The group's members
access-read-facilitators = The group's facilitators only
access-edit-members = The group's members
access-edit-logged_in = Anyone logged in (open space)
changes-title = Recent changes: { $name }
search-title = Search
search-in = Search in { $name }
search-button = Search
search-kind-meeting = Meeting
search-kind-news = News
search-kind-project = Project
search-count = { $count ->
    [one] One result
   *[other] { $count } results
}
search-none = Nothing found for “{ $q }”. Try another word.
watch-stopped-title = Following stopped
watch-stopped = Done: you will no longer receive these emails.
watch-stop-unknown = This link matches no current follow: you already no longer receive these emails.
feed-title = Recent changes: { $name }
wiki-restored-summary = Back to version { $n }
flash-page-restored = The old version is restored (it becomes the newest).
flash-watching = Noted: you will be told by email.
flash-watch-stopped = You no longer follow.
flash-file-added = The file is attached to the page.
email-stop = Stop receiving these emails
email-page-changed-subject = “{ $title }” was changed
email-page-changed-intro = { $author } changed the page “{ $title }”. What changed: { $summary }
email-page-changed-button = See what changed
email-page-changed-outro = You receive this message because you follow this page.
email-watch-digest-subject = The pages changed yesterday on { $instance }
email-watch-digest-intro = { $count ->
    [one] One page you follow changed:
   *[other] { $count } changes in the pages you follow:
}
email-watch-digest-button = See all the changes
email-watch-digest-outro = You receive this summary because you follow these pages daily.
error-page-title-empty = Give the page a title.
error-page-title-too-long = The title must be 200 characters at most.
error-page-title-invalid = This title cannot be used: it needs at least one letter or digit.
error-page-title-taken = Another page already has this name (or one giving the same address). Choose another title.
error-edit-summary-too-long = The change summary must be 300 characters at most.
error-revision-unknown = This version of the page does not exist.
error-page-changed = The page changed meanwhile. Reload the history and try again.
error-file-missing = Choose a file to attach.
error-file-too-large = This file is too heavy: 10 MB at most.
error-file-type = This type of file is not accepted. Attach an image, a PDF, a document or a text.
error-page-stale = The page was changed since the version you started from. Read the current version and try again.
wiki-contributors-month = Who contributed in the last 30 days

## Meetings, calendars and date polls
nav-agenda = Agenda
group-next-meeting = Next meeting

## The group's timeline (the activity log); { $who } is a person's name
group-timeline = What happened
group-timeline-empty = Nothing yet.
activity-someone = Someone
activity-topic_opened = { $who } opened the topic
activity-post_written = { $who } replied in
activity-page_saved = { $who } edited the page
activity-page_restored = { $who } put back an earlier version of the page
activity-file_attached = { $who } attached a file to the page
activity-meeting_created = { $who } planned the meeting
activity-meeting_held = The meeting took place:
activity-meeting_cancelled = { $who } cancelled the meeting
activity-poll_opened = { $who } opened the date poll
activity-poll_closed = { $who } closed the date poll
activity-minutes_written = { $who } started the minutes
activity-project_created = { $who } added the project
activity-project_news = { $who } gave news of the project
activity-follow_up_reviewed = { $who } went through the projects
activity-news_posted = { $who } published the news
activity-newsletter_sent = { $who } sent the newsletter
activity-resource_added = { $who } added the resource
activity-member_joined = { $who } joined the group
activity-member_left = { $who } left the group
activity-roles_changed = Roles changed for
# News (nouvelles du groupe) and news-only subscriptions
news-title = News
news-of = News from { $name }
news-latest = Latest news
news-none = No news yet. The group's facilitators post them here.
news-all = All the news
news-all-and-subscribe = All the news, and getting them by email
news-by = By { $author }, on { $date }
news-new = Post news
news-publish = Publish
news-visibility-public = Everyone
news-visibility-members = Members only
news-feed-title = News from { $group }
news-feed-hint = Address of the news feed (for a feed reader):
news-subscribe-title = Get the news by email
news-subscribe-hint = No account needed, no need to join: give your email address and you will get a link to confirm. You can stop whenever you like.
news-subscribe-button = Get the news
news-subscribed-title = Check your email
news-subscribed-text = If this address does not get the news of { $group } yet, an email is on its way with a link to confirm.
news-back-to-group = Back to the group
news-confirm-title = Confirm your subscription
news-confirm-ask = Press the button to get the group's news by email.
news-confirm-button = Yes, send me the news
news-confirmed-title = Confirmed
news-confirmed-text = You will get the news of { $group } by email.
news-unsubscribe-title = Stop getting the news
news-unsubscribe-ask = You will no longer get the news of { $group } by email.
news-unsubscribe-button = Stop the news
news-unsubscribed-title = Done: you will not get these news any more
news-unsubscribed-text = You will no longer get the news of { $group }.
field-news-title = Title
field-news-body = Text
field-news-body-hint = The same formatting as the shared pages.
field-news-image = Picture (optional)
field-news-image-hint = A PNG, JPEG or WebP picture, 8 MB at most.
field-news-visibility = Who can read it
field-news-email = Your email address
error-news-title-empty = Give the news a title.
error-news-title-too-long = The title is too long (200 characters at most).
error-news-body-empty = Write the news' text.
error-news-body-too-long = The text is too long (50,000 characters at most).
email-news-intro = News from { $group }, by { $author }:
email-news-see = Read it on the site
email-news-stop = Stop getting this group's news
email-news-confirm-subject = Confirm to get the news of { $group }
email-news-confirm-intro = Someone (you, probably) asked to get the news of { $group } on { $instance } by email.
email-news-confirm-button = Confirm
email-news-confirm-outro = If it was not you, do nothing: you will get nothing.
group-no-next-meeting = No meeting planned yet.
meetings-see-calendar = See the group's meetings
nav-my-meetings = My meetings
meetings-title = Meetings
meetings-of = { $name }'s meetings
meetings-upcoming = Upcoming
meetings-past = Past
meetings-none-upcoming = No meeting planned yet. Propose a date, or start a poll to find the one that suits most people.
meetings-none-past = No past meeting yet.
meetings-subscribe = Follow in your calendar
meetings-subscribe-hint = Copy this address into your calendar (Thunderbird, Google Calendar, Apple Calendar, Outlook): the group's public meetings will appear there by themselves.
meetings-private-feed-link = Your personal calendar, with members-only meetings
meetings-regular = The group meets regularly
meetings-regular-hint = If nothing is planned a few days before the expected date, the organizer gets a reminder with a link to start the poll; a week later, the facilitators are told.
field-cadence = How often you meet
cadence-none = No fixed rhythm
cadence-weekly = Every week
cadence-fortnightly = Every two weeks
cadence-monthly = Every month
field-lead-days = Remind how many days before
meeting-save = Save
meeting-new = Propose a meeting
meeting-create = Create the meeting
meeting-edit = Change the meeting
meeting-edit-one-only = Your changes apply to this date only: the series' other meetings stay as they are.
meeting-move-one = Move or change this date
meeting-cancel = Cancel the meeting
meeting-cancel-one = Cancel this date only
meeting-cancel-confirm = Cancel this meeting?
meeting-stop-series = Stop the series
meeting-stop-series-confirm = No new date will be created, and the dates planned after this one will be cancelled (people invited will be told). Continue?
meeting-cancelled = Cancelled
meeting-members-only = Members only
meeting-online = Online
meeting-in-series = Regular meeting
meeting-going-count = { $count ->
    [0] Nobody said they are coming yet
    [one] One person is coming
   *[other] { $count } people are coming
}
meeting-capacity = { $count } places
meeting-full = It is full.
meeting-over = This meeting is over.
meeting-coming = Who is coming?
meeting-who = The answers
meeting-login-to-answer = Log in to answer
meeting-organized-by = Organized by { $name }
meeting-where = Where?
meeting-see-map = see on the map
meeting-join-online = Join online
meeting-add-calendar = Add to my calendar
meeting-manage = Manage the meeting
meeting-minutes = Minutes
meeting-minutes-exist = Minutes written
meeting-minutes-missing = No minutes yet
meeting-minutes-write = Write the minutes
meeting-minutes-template-hint = The page is created in the group's shared space from its template: the page "Modèle compte rendu", which the group can edit.
meeting-visibility-public = Visible to everyone
meeting-visibility-members = For the group's members only
rsvp-going = I'm coming
rsvp-maybe = Maybe
rsvp-not_going = I'm not coming
field-meeting-title = Title
field-meeting-description = Description
field-meeting-starts = Start
field-meeting-ends = End
field-meeting-timezone = Time zone
field-meeting-timezone-hint = For example Europe/Paris. Leave it as it is if you are in mainland France.
field-meeting-repeat = Repeat
repeat-none = Once
repeat-weeks-1 = Every week
repeat-weeks-2 = Every two weeks
repeat-monthly = Every month, on the same weekday (for example the first Tuesday)
field-meeting-address = Address
field-meeting-online = Link to join online
field-meeting-online-hint = For example your video call's link.
field-meeting-capacity = Number of places
field-meeting-capacity-hint = Leave empty if there is no limit.
field-meeting-visibility = Who can see it?
series-weeks = { $count ->
    [one] Every week
   *[other] Every { $count } weeks
}
series-monthly = The { $nth } { $weekday } of the month
series-nth-1 = first
series-nth-2 = second
series-nth-3 = third
series-nth-4 = fourth
series-nth-last = last
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday
agenda-title = Agenda
agenda-lead = Every upcoming meeting of the network.
agenda-keyword = Theme
agenda-region = Region
agenda-group = Group
agenda-group-placeholder = the group's short address
agenda-all = All
agenda-filter = Filter
agenda-empty = No upcoming meeting here.
agenda-earlier = Earlier meetings
agenda-later = Later meetings
agenda-ecosystem-feed = Follow the "{ $keyword }" meetings in your calendar
my-meetings = My meetings
my-meetings-coming = Where I'm going
my-meetings-none = You have not said you are coming to any meeting yet.
my-meetings-groups = In my groups
my-calendar = My personal calendar
my-calendar-hint = A secret address, just for you, that puts your groups' meetings in your calendar, members-only ones included. Do not share it.
my-calendar-since = Address created on { $date }.
my-calendar-create = Create my calendar address
my-calendar-renew = Create a new address (the old one will stop working)
my-calendar-revoke = Delete my address
my-calendar-new = Here is your calendar address. Copy it now: it will not be shown again.
my-calendar-how = Thunderbird: Calendar › New calendar › On the network. Google Calendar: Other calendars › From URL. Apple Calendar: File › New calendar subscription.
poll-new = Propose dates
poll-new-lead = Propose a few dates: everyone says what suits them, then you choose.
poll-next-meeting = Our next meeting
field-poll-title = For which meeting?
poll-dates = The dates proposed
poll-dates-hint = Propose at least one date. You can also write free options ("a Saturday morning").
poll-date-n = Date { $n }
poll-free-n = Free option { $n }
field-poll-duration = Length of the meeting (minutes)
field-poll-deadline = Answer before
field-poll-deadline-hint = Optional. A reminder goes the day before to those who have not answered.
field-poll-guests = People without an account may answer with their name
poll-launch = Start the poll
polls-open = Polls under way
poll-is-open = Open
poll-is-closed = Closed
poll-deadline = Answer before { $date }
poll-saved = Thank you, your answer is saved.
poll-private-link = Keep this link to change your answers later (it is yours only):
poll-see-meeting = See the meeting
poll-results = The answers
poll-who = Who
poll-comment = Comment
poll-best = Best
poll-guest = no account
poll-guest-email = Your email address (optional)
poll-guest-email-hint = To get a message when the date is chosen. It is shown to nobody.
poll-your-name = Your name
poll-totals = Total
poll-tally = { $yes } yes, { $maybe } if need be
poll-answer = Save my answer
poll-login-to-answer = Log in to answer
poll-close = Choose the date
poll-close-hint = The meeting is created on the chosen date and everyone who answered is told.
poll-choose = The option chosen
poll-free-start = For a free option: the meeting's date and time
poll-close-button = Choose and create the meeting
choice-yes = Yes
choice-if_need_be = If need be
choice-no = No
error-meeting-title-empty = Give the meeting a title.
error-meeting-title-too-long = The title must not be longer than 200 characters.
error-meeting-description-too-long = The description is too long.
error-meeting-time-missing = Give the date and time.
error-meeting-time-invalid = This date is not valid.
error-meeting-time-offset = Give the date as RFC 3339 with its offset, for example 2027-03-30T19:00:00+02:00.
error-meeting-time-skipped = This time does not exist that day (clocks go forward). Choose another time.
error-meeting-timezone = This time zone is unknown. For example: Europe/Paris.
error-meeting-end-before-start = The end must come after the start.
error-meeting-too-long = A meeting lasts two weeks at most.
error-meeting-address-too-long = The address must not be longer than 300 characters.
error-meeting-capacity = The number of places must be a whole number from 1.
error-meeting-visibility = Choose who can see the meeting.
error-meeting-repeat = Choose how the meeting repeats.
error-meeting-answer = Choose "I'm coming", "maybe" or "I'm not coming".
error-meeting-full = It is full: there is no place left.
error-meeting-over = This meeting is over or cancelled: answers are no longer taken.
error-meeting-cadence = Choose a rhythm from the list.
error-meeting-lead-days = The reminder goes between 1 and 60 days before.
error-poll-no-option = Propose at least one date or option.
error-poll-option-past = One of the dates proposed is already past.
error-poll-option-invalid = One of the dates proposed is not valid.
error-poll-option-too-long = A free option must not be longer than 200 characters.
error-poll-too-many-options = Thirty options at most.
error-poll-deadline-past = The deadline is already past.
error-poll-duration = The length must be between 5 minutes and two weeks.
error-poll-name-empty = Give your name.
error-poll-text-too-long = This text is too long (500 characters at most).
error-poll-choice = Answer yes, if need be or no.
error-poll-closed = This poll is closed: answers are no longer taken.
error-poll-choose-option = Choose one of the options.
email-meeting-invite-subject = Invitation: { $title } — { $when }
email-meeting-invite-intro = The group { $group } meets: "{ $title }", { $when }. The attached invitation adds it to your calendar.
email-meeting-invite-button = Say if I'm coming
email-meeting-invite-outro = You receive this message because you are a member of the group { $group }.
email-meeting-changed-subject = Change: { $title } — { $when }
email-meeting-changed-intro = The meeting "{ $title }" of the group { $group } changed: it is now { $when }.
email-meeting-changed-button = See the meeting
email-meeting-changed-outro = You receive this message because you are a member of the group { $group }.
email-meeting-reminder-subject = Tomorrow: { $title }
email-meeting-reminder-intro = A small reminder: "{ $title }" ({ $group }), { $when }.
email-meeting-reminder-button = See the meeting
email-meeting-reminder-outro = You receive this reminder because you said you were coming.
email-minutes-ask-subject = The minutes of "{ $title }"
email-minutes-ask-intro = Thank you for organizing "{ $title }". Could you write the minutes? The page is ready in the shared space of the group { $group }.
email-minutes-ask-button = Write the minutes
email-minutes-ask-outro = You will be asked only once.
email-alive-organizer-subject = { $group }: the next meeting is not planned yet
email-alive-organizer-intro = The next meeting of the group { $group } is expected around { $due }, and nothing is planned yet. One click is enough to propose dates.
email-alive-organizer-button = Start the date poll
email-alive-organizer-outro = You receive this message because you organized the last meeting.
email-alive-facilitators-subject = { $group }: no meeting planned
email-alive-facilitators-intro = The next meeting of the group { $group } was expected around { $due } and nothing is planned, despite a reminder a week ago.
email-alive-facilitators-button = Propose dates
email-alive-facilitators-outro = You receive this message because you facilitate this group.
email-poll-reminder-subject = Your say on the dates: { $title }
email-poll-reminder-intro = The group { $group } is looking for a date for "{ $title }". You have not answered yet; answers until { $deadline }.
email-poll-reminder-button = Give my availability
email-poll-reminder-outro = This is the only reminder for this poll.
email-poll-closed-subject = Date chosen: { $title } — { $when }
email-poll-closed-intro = Thank you for answering. "{ $title }" ({ $group }) will take place { $when }.
email-poll-closed-button = See the meeting
email-poll-closed-outro = You receive this message because you answered the poll.
email-meeting-cancelled-subject = Cancelled: { $title } — { $when }
email-meeting-cancelled-intro = The meeting "{ $title }" of the group { $group }, planned { $when }, is cancelled. The attached file removes it from your calendar.
email-meeting-cancelled-button = See the other meetings
email-meeting-cancelled-outro = You receive this message because you are a member of the group { $group }.
## Discussions: the group's forum and its mailing list
bell-label = Notifications
bell-unread = { $count ->
    [one] One unread notification
   *[other] { $count } unread notifications
}
discussion-quote-wrote = { $name } wrote:
discussions-title = Discussions
discussions-of = Discussions of { $name }
discussions-lead = Talk with the group here, or by email by writing to { $email }.
discussions-breadcrumbs = Discussions breadcrumbs
discussions-topics = Topics
discussions-empty = No topic yet. Start the first discussion!
discussions-line = Started by { $author } · { $count ->
    [one] one message
   *[other] { $count } messages
} · latest on { $date }
discussions-unread = New
discussions-pinned = Pinned
discussions-closed = Closed
discussions-pages = Pages of topics
discussions-newer = Newer
discussions-older = Older
discussions-page-of = Page { $page } of { $pages }
discussions-feed = Follow the topics (Atom feed)
discussions-feed-title = Discussions: { $name }
discussions-new = Start a topic
discussions-open = Start the discussion
discussions-members-write = Only the group's members write here. Join the group to take part.
discussions-join = See the group and join it
discussions-login-to-write = Log in to write to the group.
discussions-settings = Discussion settings
discussions-moderation = Moderation
discussions-pin = Pin to the top
discussions-unpin = Unpin
discussions-close = Close the topic
discussions-reopen = Reopen the topic
discussions-via-email = by email
discussions-edited = edited
discussions-in-reply-to = in reply to { $name }
discussions-held = Waiting for approval
discussions-hidden = Hidden
discussions-show-trimmed = Show the trimmed part (quotes, signature)
discussions-like = Like
discussions-likes = { $count ->
    [one] One person likes this
   *[other] { $count } people like this
}
discussions-quote = Quote
discussions-edit = Edit
discussions-delete = Delete
discussions-hide = Hide
discussions-restore = Restore
discussions-flag = Report
discussions-flag-reason = Why? (optional)
discussions-flag-send = Send the report
discussions-file-add = Attach a file
discussions-post-deleted = This message was deleted.
discussions-post-unavailable = This message is not visible for now.
discussions-reply = Reply
discussions-send-reply = Send the reply
discussions-closed-explained = This topic is closed: it takes no more replies.
discussions-editing = Edit your message in “{ $title }”
discussions-save = Save
discussions-history = Versions of the message
discussions-history-of = Versions of { $name }'s message
discussions-current = Current version
discussions-before = Before the edit of { $date }
discussions-back = Back to the topic
discussions-read-legend = Who can read the discussions?
discussions-read-public = Everyone (public archive); only members write
discussions-read-members = The group's members only
discussions-outsiders-legend = When someone outside the group writes to it by email
discussions-outsiders-moderate = Their message waits for a moderator's approval
discussions-outsiders-refuse = Their message is refused, with an explanation
discussions-hold-new = The first messages of new members wait for a moderator's approval
field-topic-title = Topic title
field-post-text = Your message
field-post-text-hint = Just write. Put @ before someone's name to let them know (for example @fanny).
error-topic-title-empty = Give the topic a title.
error-topic-title-too-long = The title must not be longer than 200 characters.
error-topic-title-invalid = This title has characters that cannot be used.
error-post-empty = Write your message before sending it.
error-post-too-long = This message is too long: 100,000 characters at most.
error-topic-closed = This topic is closed: it takes no more replies. Your text is kept below.
flash-topic-opened = Your topic is started.
flash-reply-posted = Your reply is published.
flash-post-held = Your message waits for the approval of a moderator of the group.
flash-post-edited = Your message is edited.
flash-post-deleted = The message is deleted.
flash-post-flagged = Thank you: the moderators will look at this message.
flash-post-hidden = The message is hidden.
flash-post-restored = The message is visible.
flash-post-kept = The message stays visible; the reports are closed.
flash-topic-pinned = The topic is pinned to the top of the list.
flash-topic-unpinned = The topic is no longer pinned.
flash-topic-closed = The topic is closed.
flash-topic-reopened = The topic is reopened.
flash-file-added-post = The file is attached to your message.
flash-list-saved = Done: your emails from the group follow this choice.
flash-mail-resumed = Done: we will write to you again.
list-settings-title = Get the group by email
list-mode-legend = What you receive
list-mode-every = Every message
list-mode-daily = A daily summary
list-mode-weekly = A weekly summary
list-mode-none = Nothing by email (on the site only)
list-own = Also receive my own messages
list-save = Save my choice
moderation-held-posts = Messages of new members waiting
moderation-held-mail = Emails from people outside the group
moderation-flagged = Reported messages
moderation-none = Nothing to look at.
moderation-see-topic = see the topic
moderation-approve = Publish
moderation-approve-mail = Publish and invite them to join the group
moderation-refuse = Refuse
moderation-keep = Keep visible
moderation-flags = { $count ->
    [one] one report
   *[other] { $count } reports
}
notifications-title = Your notifications
notifications-empty = Nothing new. When someone mentions you or replies to your topic, you will see it here.
notifications-mail-stopped = Our emails no longer reach you: your address refused them several times. Check it in your account, then tell us to start again.
notifications-resume-mail = Write to me again
notification-mention = { $name } mentioned you in “{ $title }”
notification-reply = { $name } replied to your topic “{ $title }”
notification-mail-stopped = Our emails no longer reach you: your address refuses them.
email-list-post-intro = { $name } wrote to the group { $group }:
email-list-footer = You receive this message because you are a member of the group { $group }.
email-list-reply-hint = Just reply to this email to answer the group.
email-list-see = See the discussion on the site
email-list-settings = Choose what I receive (or receive nothing)
email-list-daily-subject = [{ $group }] Today's summary: { $count ->
    [one] one new message
   *[other] { $count } new messages
}
email-list-weekly-subject = [{ $group }] This week's summary: { $count ->
    [one] one new message
   *[other] { $count } new messages
}
email-list-digest-intro = Here is what was said in the group { $group } ({ $count ->
    [one] one message
   *[other] { $count } messages
}).
email-list-new-topic = new topic
email-list-digest-reply-hint = To answer a topic, open it on the site: a reply to this summary cannot be published.
email-mention-subject = { $name } mentioned you in “{ $title }”
email-mention-intro = { $name } mentioned you in the discussion “{ $title }”.
email-mention-button = See the message
email-mention-outro = You receive this message because someone wrote your name with @.
list-page-title = Your emails from the group { $group }
list-page-for = Choice of { $name }:
list-not-member = You are no longer a member of this group: you do not receive its emails.
list-unsubscribe-title = Stop receiving the group's emails
list-unsubscribe-ask = You will receive no more email from the group { $group }. You stay a member and can read everything on the site.
list-unsubscribe-button = Receive nothing
list-unsubscribed = Done: you no longer receive the emails of the group { $group }.
list-change-mind = Change my mind
discussions-untitled = Untitled
flash-held-approved = The message is published; its author is invited to join the group.
flash-held-refused = The message is refused.
list-join-title = Join the group { $group }
list-join-ask = You are about to join the group with your account { $email } and receive every message by email.
list-join-button = Join the group
list-joined = Welcome to the group { $group }! You will receive its messages by email.
list-join-on-request = This group welcomes members on request: ask from its page.
list-join-new-account = No account uses the address { $email } yet. Give your name: we make your account with this address and you will receive every message of the group by email. You can log in to the site later with a link sent by email.
list-join-name = Your name, as the other members will see it
email-list-subscribe-subject = Confirm to join { $group }
email-list-subscribe-intro = You asked to receive the messages of the group { $group }. Confirm by following this link.
email-list-subscribe-button = Confirm
email-list-subscribe-outro = If you asked for nothing, ignore this message: nothing will change.
email-list-unsubscribe-subject = Confirm to stop receiving { $group }
email-list-unsubscribe-intro = You asked to stop receiving the messages of the group { $group }. Confirm by following this link.
email-list-unsubscribe-button = Stop receiving the messages
email-list-unsubscribe-outro = If you asked for nothing, ignore this message: nothing will change.
email-list-digest-reply-subject = Your reply to the { $group } summary is not published
email-list-digest-reply-intro = You replied to a summary: we do not know which topic your message answers, so it was not published. Open the topic on the site to reply, or write a new message to { $email }.
email-list-digest-reply-button = See the discussions
email-list-digest-reply-outro = Your text is not lost: it is in your sent messages.
email-list-held-subject = Your message to { $group } waits for a moderator
email-list-held-intro = You are not a member of the group { $group }: your message will be published if a moderator accepts it.{ $more }
email-list-held-button = Discover the group
email-list-held-outro = To write to the group directly, join it from its page.
email-list-refused-subject = Your message to { $group } is not published
email-list-refused-intro = Only members of the group { $group } can write to it. Your message was not published.
email-list-refused-button = Discover the group and join it
email-list-refused-outro = Your text is not lost: it is in your sent messages.
email-list-closed-subject = “{ $title }” is closed
email-list-closed-intro = The topic “{ $title }” of the group { $group } is closed: your reply was not published.
email-list-closed-button = See the topic
email-list-closed-outro = To talk about it again, write a new message to { $email }.
email-list-empty-subject = Your message to { $group } arrived empty
email-list-empty-intro = Your message to the group { $group } reached us with no text and no file: there was nothing to publish.
email-list-empty-button = See the discussions
email-list-empty-outro = If you had written something, your mail program may not have sent it: open the message in your sent messages, check that your text is there, then send it again.
email-list-invite-subject = Your message is published in { $group }
email-list-invite-intro = A moderator published your message in the group { $group }. Join the group to write to it directly next time.
email-list-invite-button = Join the group
email-list-invite-outro = You can also just read its discussions on the site.
email-list-from = { $name } via { $group }
email-topic-reply-subject = { $name } replied to “{ $title }”
email-topic-reply-intro = { $name } replied to your topic “{ $title }”.
email-topic-reply-button = Read the reply
email-topic-reply-outro = You receive this message because you started this topic. Your account settings say when we write to you.
email-notification-digest-subject = What awaits you on { $instance }
email-notification-digest-intro = { $count ->
    [one] One piece of news about you:
   *[other] { $count } pieces of news about you:
}
email-notification-digest-button = See my notifications
email-notification-digest-outro = You receive this summary because you chose to get your news in a single email. You can change this choice in your account.

# Mail in: what becomes of a message once read (issue 17)
email-list-too-long-subject = Your message to { $group } is too long to be published
email-list-too-long-intro = Your message to the group { $group } is { $size }, and a message can be at most { $limit }: it was not published.
email-list-too-long-button = See the discussions
email-list-too-long-outro = To share a long text (meeting notes, for example), attach it as a file (.odt, .docx, .pdf or .txt, { $file_limit } at most) to a short message, and send it again. Your text is not lost: it is in your sent messages.
email-list-files-refused-subject = Your message to { $group } is not published: file not attached
email-list-files-refused-intro = Your message to the group { $group } only held files, and none could be attached. { $files }
email-list-files-refused-button = See the discussions
email-list-files-refused-outro = The group accepts pictures, PDFs, documents (.odt, .docx, .xlsx…) and texts (.txt, .csv), { $file_limit } at most per file. Save your file in one of these formats, then send it again.
email-list-left-out-subject = Your message to { $group } is published: file not attached
email-list-left-out-intro = Your message is published in the group { $group }.{ $more }
email-list-left-out-button = See my message
email-list-left-out-outro = The group accepts pictures, PDFs, documents (.odt, .docx, .xlsx…) and texts (.txt, .csv) up to { $file_limit }. To share another file, save it in one of these formats, then send it as a reply.
email-list-whole-subject = Your message to { $group } is published in full
email-list-whole-intro = Your message is published in the group { $group }.{ $more }
email-list-whole-button = Read my message again
email-list-whole-outro = If something is wrong, you can correct your message on the site.
email-list-whole-remark = We could not tell your text apart from the quote: so that nothing is lost, the whole message is published, with the quote folded.
email-list-post-held-subject = Your message to { $group } is waiting for a moderator
email-list-post-held-intro = In the group { $group }, a moderator reads new members' first messages before publishing them: yours has arrived and is waiting for their approval.{ $more }
email-list-post-held-button = See the discussions
email-list-post-held-outro = There is nothing else you need to do.
email-list-not-posted-subject = Your message to { $group } is not published
email-list-not-posted-intro = Your message to the group { $group } was not published: { $reason }
email-list-not-posted-button = See the discussions
email-list-not-posted-outro = Your text is not lost: it is in your sent messages.
email-file-left-out-too-large = The file “{ $name }” was not attached: it is too large ({ $limit } at most per file).
email-file-left-out-type = The file “{ $name }” was not attached: this type of file is not accepted.
email-file-left-out-held = The file “{ $name }” was not kept: a message waiting for a moderator keeps only its text; you can send it again once you are a member.
email-size-kb = { $n } KB
email-size-mb = { $n } MB
email-list-files = Files attached to the message:
email-list-image-attached = picture attached to this email
email-list-file-intro = { $name } attached a file to their message in the group { $group }:
discussions-mail-file-too-large = { $name } — file not attached: too large
discussions-mail-file-type = { $name } — file not attached: type refused
discussions-mail-file-held = { $name } — file not attached: message from outside the group
discussions-mail-only-quote = (This message only holds the quote of an earlier message: open the trimmed part to read it.)
discussions-mail-file-only = A file attached, without text.
discussions-mail-files-only = Files attached, without text.

admin-failed-jobs = Failed background tasks
admin-failed-jobs-lead = These background tasks could not be done, even after several tries. The reason is written next to each; pass it on to whoever looks after the installation.

## Resources (issue 12)
resources-title = Resources
resources-of = Resources of { $name }
resources-lead = What the group has made and shares with everyone: guides, templates, tools, training. Take them, use them, pass them on.
resources-list = The group's resources
resources-none = The group has not shared any resource yet. Add the first one: a link, a file or one of the group's pages.
resources-all = All the group's resources
resources-catalogue-link = See in the catalogue
resource-new = Add a resource
resource-add = Add the resource
resource-edit = Change the resource
resource-save = Save
resource-remove = Remove the resource
resource-by = Added by { $author } on { $date }
resource-license = License: { $license }
resource-license-group = The group's license
resource-open-link = Open the link
resource-open-file = Download { $name }
resource-open-page = Read the page
resource-file-kept = The file { $name } stays the same. To send another one, add a new resource.
resource-visibility-public = Everyone
resource-visibility-members = Members only
resource-type-guide = Guide or how-to sheet
resource-type-template = Template
resource-type-tool = Tool or software
resource-type-training = Training
resource-type-video = Video
resource-type-other = Other
resource-kind-link = A link
resource-kind-file = A file
resource-kind-page = A page of the group
resources-license-title = The license of the group's resources
resources-license-hint = Every resource carries this license, unless it chooses another one.
resources-license-save = Save the license
resources-catalogue-title = Resource catalogue
resources-catalogue-lead = The guides, templates, tools and training the groups share with everyone.
resources-catalogue-none = No resource matches. Try another keyword or another type.
resources-catalogue-feed = Follow new resources (Atom feed)
resources-all-types = All types
field-resource-title = Title
field-resource-description = Description
field-resource-description-hint = What is it for, who is it for? The wiki's formatting works here.
field-resource-type = Type
field-resource-kind = What you share
field-resource-url = Link address
field-resource-url-hint = Starts with https:// or http://
field-resource-page = Group page
field-resource-page-hint = The page's address, for example /g/my-group/wiki/guide. A members-only page makes a members-only resource.
field-resource-file = File
field-resource-file-hint = An image, a PDF, a document or a text, { $limit } at most.
field-resource-keywords = Keywords
field-resource-keywords-hint = Separated by commas, for example: compost, garden
field-resource-license = License
field-resource-visibility = Who can see it
field-resource-visibility-hint = By default, everyone, even without an account.
field-resource-keyword-filter = Keyword
field-resource-group-filter = Group (short address)
error-resource-title-empty = Give the resource a title.
error-resource-title-too-long = The title must not be longer than 200 characters.
error-resource-description-too-long = The description must not be longer than 5,000 characters.
error-resource-text-invalid = This text holds invisible characters that are not accepted.
error-resource-url-empty = Give the link's address.
error-resource-url-invalid = This address is not a web link: it must start with https:// or http://.
error-resource-page-empty = Give the address of the group's page.
error-resource-page-unknown = This page does not exist in the group (or you may not read it).
error-resource-file-by-page = Files are sent from the group's resources page.
flash-resources-license-saved = The resources' license is saved.
flash-resource-removed = The resource is removed.
search-kind-resource = Resource
# The usages board (essaim_domain::usages)
activity-usage_proposed = { $who } proposed the usage
activity-sprint_planned = { $who } opened
activity-sprint_reviewed = { $who } reviewed
usages-title = Usages
usages-of = The usages of { $name }
usages-lead = To choose or change our tools together: everyone says what they need, the group estimates what it costs and what it brings, then chooses what to do this month.
usages-off = The usages board is not switched on
usages-off-what = This board gathers the group's needs ("As …, I want … so that …"), ranks them by what they bring for what they cost, and picks a few for a month of work.
usages-off-how = You run this group: you can switch it on here. You can switch it off later, nothing will be lost.
usages-switch-on = Switch the usages board on
usages-switch-off = Switch the board off
usages-switch-off-hint = Switched off, the board is seen by facilitators only; the usages are kept.
usages-settings = Board settings
usages-new = Propose a usage
usages-add = Propose this usage
usages-as = As
usages-want = I want
usages-so-that = so that
field-usage-as = As…
field-usage-as-hint = Who needs it? For example: treasurer of a member association.
field-usage-want = I want…
field-usage-so_that = So that…
field-usage-cost = What it costs (time, money, effort)
field-usage-impact = What it brings
field-usage-status = Where this usage stands
usages-cost-1 = 1 — little
usages-cost-2 = 2 — some
usages-cost-3 = 3 — a lot
usages-impact-1 = 1 — a little
usages-impact-2 = 2 — well
usages-impact-3 = 3 — a lot
usages-impact-n = Brings { $n }
usages-cost-n = costs { $n }
usages-to-estimate = To estimate
usages-ranked = Usages, most useful for their cost first
usages-ranked-hint = Ranked by what they bring for what they cost, then by supporters, then oldest first.
usages-none = No estimated usage yet. Propose the first one, or ask the facilitators to estimate those waiting.
usages-supporters = { $count ->
    [0] No supporter
    [one] 1 supporter
   *[other] { $count } supporters
}
usages-support = Support
usages-unsupport = Take back my support
usages-open = See the usage
usages-usage = A usage
usages-proposed-by = Proposed by { $name }
usages-status-proposed = Proposed
usages-status-planned = Planned this month
usages-status-done = Done
usages-status-not_done = Not done
usages-status-set_aside = Set aside
usages-estimate-title = Estimate this usage
usages-estimate-save = Save
usages-back = Back to the usages board
usages-closed = Usages done or set aside
usages-sprints = Months of work
usages-no-sprint = No month of work planned yet.
usages-sprint = Month of work
usages-sprint-title = Month of work from { $date }
usages-sprint-dates = From { $from } to { $to }
usages-sprint-new = Plan a month of work
usages-sprint-pick = The usages to do this month
usages-sprint-open = Plan this month of work
usages-sprint-plan = Save the choice
usages-sprint-planned = The planned usages
usages-sprint-empty = No usage is planned for this month.
field-sprint-start = First day
field-sprint-end = Day of the review
field-sprint-end-hint = Leave empty: a month after the first day.
usages-review = Review the month
usages-review-hint = For each usage, say whether it is done, then what the group learned. The review is kept in a shared page of the group.
usages-outcome-done = Done
usages-outcome-not_done = Not done
usages-learned = What we learned
usages-review-save = Save the review
usages-reviewed = The review is done.
usages-review-page = Read the review
usages-review-page-title = Usages review of { $date }
usages-review-intro = Month of work from { $from } to { $to }.
usages-review-nothing = Nothing.
usages-review-summary = Review of the month of work
error-usage-as-empty = Say who this usage is for ("As…").
error-usage-as-too-long = "As…" is too long (200 characters at most).
error-usage-want-empty = Say what you want ("I want…").
error-usage-so-that-empty = Say why ("So that…"): it is what helps the group choose.
error-usage-text-too-long = This text is too long (1,000 characters at most).
error-usage-estimate = Choose 1, 2 or 3, or leave "To estimate".
error-sprint-date = Give a date (day, month, year).
error-sprint-end = The day of the review must come after the first day, three months later at most.
error-sprint-outcome-missing = Say for each usage whether it is done or not.
error-sprint-learned-too-long = What you learned is too long (20,000 characters at most).
error-sprint-reviewed = This month's review is done: its usages no longer change.
error-sprint-review-conflict = Someone changed the review page at the same time: reload the page and try again.
# newsletters and the contributors page
newsletter-title = Newsletter
newsletter-of = The newsletter of { $name }
newsletter-subscribe-link = Get the news without an account
newsletter-draft-title = The next newsletter
newsletter-no-draft = No newsletter being prepared. Prepare one: it is written for you from what happened since the last one.
newsletter-prepare = Prepare the newsletter
newsletter-regenerate = Make it again with the latest news
newsletter-progress = Sent to { $n } people out of { $count }
field-newsletter-schedule = A newsletter prepared
newsletter-schedule-save = Save
newsletter-archive = Newsletters sent
newsletter-archive-none = No newsletter sent yet. Every newsletter sent is kept here.
newsletter-empty = Nothing to tell yet: this newsletter cannot be sent.
newsletter-draft-hint = Read each part again: you can change its words, remove it or move it. Each part says who gets it.
newsletter-item-removed = removed
field-newsletter-text = Your words for this part
field-newsletter-text-hint = Leave empty to keep the proposed text.
newsletter-item-save = Keep these words
newsletter-item-up = Move up
newsletter-item-down = Move down
newsletter-item-remove = Remove
newsletter-item-restore = Put back
newsletter-send = Send the newsletter
newsletter-preview-members = What members get
newsletter-preview-public = What subscribers without an account get (and the archive shows)
contributors-link = Who contributed
contributors-title = Contributions
contributors-of = Who keeps { $name } alive
contributors-hint = Thank you to everyone who writes, takes notes and answers.
contributors-month = This month
contributors-year = This year
contributors-none = Nobody yet. Writing a wiki page or taking a meeting's notes is already contributing.
error-newsletter-empty = This newsletter has nothing to tell: it is not sent.
error-newsletter-text-too-long = This text is too long (5,000 characters at most).
email-newsletter-subject = { $group }: the newsletter of { $date }
email-newsletter-intro = The news of { $group } since the last newsletter.
email-newsletter-archive = Read it on the site
email-newsletter-status-draft = Being prepared
email-newsletter-status-sending = Being sent
email-newsletter-status-sent = Sent
email-newsletter-schedule-monthly = Every month
email-newsletter-schedule-fortnightly = Every two weeks
email-newsletter-schedule-never = Only when I prepare it
email-newsletter-reach-everyone = for everyone
email-newsletter-reach-members = for members only
email-newsletter-reach-public_only = for subscribers without an account and the archive only
email-newsletter-kind-new_page = New wiki page
email-newsletter-kind-edited_page = Page much reworked
email-newsletter-kind-resource = New resource
email-newsletter-kind-project_news = News of a project
email-newsletter-kind-project_help = A project is looking for help
email-newsletter-kind-meeting = Next meeting
email-newsletter-kind-poll = Date poll open
email-newsletter-kind-minutes = Meeting notes written
email-newsletter-kind-welcome = Welcome
email-newsletter-kind-thanks = Thank you
email-newsletter-kind-referent = Need help to contribute?
email-newsletter-meeting = { $title }, on { $when }
email-newsletter-poll = { $title }: answer before { $deadline }
email-newsletter-welcome = Welcome to { $name }!
email-newsletter-thanks = Thank you to those who contributed:
email-newsletter-referent = { $name } is the group's referent: write to them from the member list, they help you contribute.
email-newsletter-no-referent = The group has no referent yet to help people contribute. Would you like to be one? Tell the facilitators.
email-newsletter-did-wiki = { $count ->
    [one] wrote a wiki page
   *[other] wrote { $count } wiki pages
}
email-newsletter-did-resources = { $count ->
    [one] added a resource
   *[other] added { $count } resources
}
email-newsletter-did-minutes = { $count ->
    [one] took the notes of a meeting
   *[other] took the notes of { $count } meetings
}
email-newsletter-did-project_news = { $count ->
    [one] gave a project's news
   *[other] gave { $count } projects' news
}
email-newsletter-did-liked_answers = { $count ->
    [one] wrote an answer others liked
   *[other] wrote { $count } answers others liked
}
email-newsletter-draft-subject = { $group }: a newsletter waits for you
email-newsletter-draft-intro = The newsletter of { $group } is ready to be read. Change what you like, then send it.
email-newsletter-draft-button = Read the newsletter
email-newsletter-draft-outro = Nothing is sent without you.
newsletter-ecosystem-of = The newsletter of the “{ $keyword }” ecosystem
newsletter-ecosystem-hint = What happened in public in this ecosystem's groups, prepared by the site's administrators.
email-newsletter-ecosystem-subject = { $keyword }: the newsletter of { $date }

## Group health (essaim_domain::health)
health-title = The group's health
health-lead = The five activities that keep the group alive. When one stops without anyone deciding so, it turns amber then red, and the people who run the group are told in time.
health-indicator-follow_up = Project follow-up
health-indicator-meetings = Meetings
health-indicator-information = Information
health-indicator-discussion = Discussions
health-indicator-shared_space = Shared space
health-level-green = Fine
health-level-amber = Watch
health-level-red = Needs a nudge
health-level-unknown = Unknown
health-not-relevant = Not relevant for us
health-not-relevant-because = Not relevant for us: { $summary }
health-not-relevant-reason = Why it is not relevant for you
health-mark-not-relevant = Not relevant for us
health-count-again = Follow it again
health-paused = Alerts are paused until { $date }.
health-settings = Settings
health-save = Save the settings
flash-health-saved = Saved.
field-health-follow-up-days = Project follow-up: days without a review or news before the alert
field-health-meetings-days = Meetings: days without a meeting (none planned, no poll open) before the alert
field-health-information-days = Information: days without news or a newsletter before the alert
field-health-discussion-min = Discussions: at least how many messages a week
field-health-discussion-max = Discussions: at most how many messages a week
field-health-shared-space-days = Shared space: days without a wiki or resource update before the alert
field-health-pause-until = Pause the alerts until
field-health-pause-until-hint = During the summer, for instance. Leave empty for no pause.
field-health-pause-reason = Why (optional)
field-health-public = The group's members may see this page
error-health-days = Give a number of days between 1 and 366.
error-health-weekly = Give a number of messages a week between 0 and 10,000.
error-health-min-above-max = The least messages a week is more than the most.
error-health-pause-date = Give the pause's last day as day/month/year.
error-health-pause-order = The pause ends before it starts.
error-health-pause-past = That date has already passed.
error-health-pause-long = A pause lasts a year at most.
error-health-reason-long = The reason is too long (300 characters at most).
error-health-reason-missing = Say in a few words why it is not relevant for you.
health-follow-up-no-projects = The group has no project going on to follow.
health-follow-up-green = { $count ->
    [0] The projects were followed up today.
    [one] Last project follow-up { $count } day ago.
   *[other] Last project follow-up { $count } days ago.
}
health-follow-up-none-yet = No project follow-up yet: the group has just started.
health-follow-up-never = { $count ->
    [one] Nobody has followed up the projects yet, for { $count } day.
   *[other] Nobody has followed up the projects yet, for { $count } days.
}
health-follow-up-late = { $count ->
    [one] No project follow-up nor news for { $count } day.
   *[other] No project follow-up nor news for { $count } days.
}
health-meetings-planned = { $count ->
    [0] A meeting takes place today.
    [one] The next meeting is in { $count } day.
   *[other] The next meeting is in { $count } days.
}
health-meetings-poll = A date poll is open for the next meeting.
health-meetings-green-none-yet = The group is young: no meeting yet.
health-meetings-green = { $count ->
    [0] A meeting took place today.
    [one] Last meeting { $count } day ago.
   *[other] Last meeting { $count } days ago.
}
health-meetings-no-next-date = { $count ->
    [one] The group usually meets regularly, but the next date is not set (last meeting { $count } day ago).
   *[other] The group usually meets regularly, but the next date is not set (last meeting { $count } days ago).
}
health-meetings-never = { $count ->
    [one] No meeting since the group was created { $count } day ago, and none is planned.
   *[other] No meeting since the group was created { $count } days ago, and none is planned.
}
health-meetings-none-planned = { $count ->
    [one] No meeting for { $count } day, and none is planned.
   *[other] No meeting for { $count } days, and none is planned.
}
health-information-green = { $count ->
    [0] News went out today.
    [one] Last news { $count } day ago.
   *[other] Last news { $count } days ago.
}
health-information-none-yet = No news yet: the group has just started.
health-information-never = The group has not sent news nor a newsletter yet.
health-information-late = { $count ->
    [one] No news nor newsletter for { $count } day.
   *[other] No news nor newsletter for { $count } days.
}
health-discussion-green = { $count ->
    [one] About { $count } message a week over the last four weeks.
   *[other] About { $count } messages a week over the last four weeks.
}
health-discussion-quiet = { $count ->
    [0] The discussions have been silent for four weeks.
    [one] The discussions are too quiet: about { $count } message a week.
   *[other] The discussions are too quiet: about { $count } messages a week.
}
health-discussion-noisy = { $count ->
    [one] The discussions are too busy: about { $count } message a week.
   *[other] The discussions are too busy: about { $count } messages a week.
}
health-discussion-noisy-leaving = After a flood of messages, people leave the group or move to the summary.
health-discussion-quieter = { $count ->
    [0] No message last week: the discussions slow down.
    [one] The discussions slow down: { $count } message last week.
   *[other] The discussions slow down: { $count } messages last week.
}
health-discussion-louder = { $count ->
    [one] The discussions are speeding up: { $count } message last week.
   *[other] The discussions are speeding up: { $count } messages last week.
}
health-shared-space-green = { $count ->
    [0] The wiki or the resources were updated today.
    [one] Last wiki or resource update { $count } day ago.
   *[other] Last wiki or resource update { $count } days ago.
}
health-shared-space-none-yet = The wiki and the resources await their first pages.
health-shared-space-never = The wiki and the resources have never been updated yet.
health-shared-space-late = { $count ->
    [one] Neither the wiki nor the resources have changed for { $count } day.
   *[other] Neither the wiki nor the resources have changed for { $count } days.
}
health-action-follow-up = Follow up the projects
health-action-poll-series = Propose the next meeting's date
health-action-poll = Propose meeting dates
health-action-news = Write news
health-action-discussion = Open a discussion
health-action-wiki = Update the wiki
