# Essaim — textes en français (langue par défaut).
# On vouvoie, on fait des phrases courtes, sans mots techniques.

## Navigation et cadre
nav-skip = Aller au contenu
nav-label = Menu principal
nav-home = Accueil
nav-account = Mon compte
nav-outbox = Courriels envoyés
nav-register = Créer un compte
nav-login = Se connecter
nav-logout = Se déconnecter
footer-text = { $instance } fonctionne avec Essaim, un outil libre pour les réseaux de groupes coopératifs.
footer-text-plain = Essaim est un outil libre pour les réseaux de groupes coopératifs.
footer-api = Pour les outils : l'API
lang-fr = Français
lang-en = English
pager-previous = Page précédente
pager-next = Page suivante

## Accueil
home-title = Accueil
home-hero-title = Bienvenue sur { $instance }
home-hero-lead = Un espace commun pour les groupes de notre réseau : on y partage ce qu'on apprend, on discute, on se retrouve et on s'entraide.
home-join = Créer mon compte
home-my-account = Mon compte
home-how-title = Comment ça marche
home-step1-title = 1. Créez votre compte
home-step1-text = Il suffit d'un nom et d'une adresse e-mail. Vous recevrez un message pour la confirmer.
home-step2-title = 2. Rejoignez des groupes
home-step2-text = Trouvez les groupes qui vous ressemblent, près de chez vous ou sur un sujet qui vous tient à cœur.
home-step3-title = 3. Participez à votre rythme
home-step3-text = Sur le site ou simplement par e-mail : c'est vous qui choisissez.

## Champs de formulaire
form-has-errors = Quelque chose ne va pas. Merci de vérifier :
field-name = Votre nom
field-name-hint = Le nom que les autres verront. Votre prénom suffit.
field-email = Adresse e-mail
field-email-hint = Nous l'utilisons pour vous écrire. Elle n'est jamais montrée aux autres.
field-password = Mot de passe
field-password-hint = Au moins 10 caractères. Une petite phrase facile à retenir, c'est parfait.
field-new-password = Nouveau mot de passe
field-current-password = Mot de passe actuel
field-show-password = Afficher le mot de passe
field-lang = Langue du site
field-email-frequency = Quand voulez-vous recevoir des e-mails sur ce qui se passe ?
field-newsletter = Je veux recevoir la lettre d'information du réseau
frequency-immediate = À chaque nouveau message
frequency-daily = Un résumé par jour
frequency-weekly = Un résumé par semaine
frequency-never = Jamais : je regarde sur le site

## Inscription
register-title = Créer un compte
register-lead = Quelques secondes suffisent. Ensuite, vous pourrez rejoindre des groupes et participer.
register-submit = Créer mon compte
register-have-account = Vous avez déjà un compte ?
inbox-title = Regardez vos e-mails
inbox-register = Nous avons envoyé un message à { $email }. Cliquez sur le lien qu'il contient pour confirmer votre adresse.
inbox-login = Si un compte existe avec l'adresse { $email }, nous venons de lui envoyer un lien pour se connecter. Il marche pendant 20 minutes.
inbox-reset = Si un compte existe avec l'adresse { $email }, nous venons de lui envoyer un lien pour choisir un nouveau mot de passe. Il marche pendant une heure.
inbox-not-received = Rien reçu après quelques minutes ? Regardez dans les courriers indésirables, ou réessayez.

## Connexion
login-title = Se connecter
login-link-title = Recevoir un lien de connexion
login-link-lead = Pas besoin de mot de passe : nous vous envoyons un lien par e-mail, vous cliquez, c'est fait.
login-link-button = Recevoir un lien par e-mail
login-link-send = M'envoyer le lien
login-with-password = Se connecter avec un mot de passe
login-password-title = Ou avec votre mot de passe
login-submit = Se connecter
login-forgot = Mot de passe oublié ?
login-no-account = Pas encore de compte ?
login-link-confirm-title = Se connecter
login-link-confirm-lead = Appuyez sur le bouton pour terminer la connexion.
login-link-confirm-button = Me connecter
link-request-new = Demander un nouveau lien

## Mot de passe oublié
forgot-title = Mot de passe oublié
forgot-lead = Indiquez votre adresse e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.
forgot-submit = Recevoir le lien
reset-title = Choisir un nouveau mot de passe
reset-submit = Enregistrer le mot de passe

## Mon compte
account-title = Mon compte
account-lead = Vous êtes connecté avec l'adresse { $email }.
account-profile = Mes informations
account-save = Enregistrer
account-password = Mon mot de passe
account-password-save = Changer le mot de passe
account-tokens = Clés d'accès pour les outils
account-tokens-lead = Une clé d'accès permet à un programme d'agir en votre nom. Votre administrateur peut en créer une pour vous.
account-tokens-empty = Vous n'avez aucune clé d'accès. C'est normal : la plupart des personnes n'en ont pas besoin.
token-name = Nom
token-start = Début de la clé
token-created = Créée le
token-last-used = Dernière utilisation
token-state = État
token-active = Active
token-revoked = Retirée

## Messages après une action
flash-verified = Merci ! Votre adresse est confirmée et vous êtes connecté.
flash-logged-in = Vous êtes connecté. Bienvenue !
flash-logged-out = Vous êtes déconnecté. À bientôt !
flash-account-saved = Vos informations sont enregistrées.
flash-password-changed = Votre nouveau mot de passe est enregistré.

## Courriels envoyés (administration)
outbox-title = Courriels envoyés
outbox-lead = Tous les e-mails que le site a envoyés ou garde en attente. Sans serveur d'envoi configuré, ils restent ici et vous pouvez les lire.
outbox-empty = Aucun e-mail pour l'instant. Ils apparaîtront ici dès qu'une personne s'inscrira ou demandera un lien.
outbox-failed-count = { $count ->
    [one] Un e-mail n'a pas pu être envoyé. Regardez l'erreur ci-dessous.
   *[other] { $count } e-mails n'ont pas pu être envoyés. Regardez les erreurs ci-dessous.
}
outbox-when = Date
outbox-to = Destinataire
outbox-from = Expéditeur
outbox-subject = Objet
outbox-state = État
outbox-attempts = Essais d'envoi
outbox-error = Dernière erreur
outbox-status-queued = En attente
outbox-status-sent = Envoyé
outbox-status-failed = Échec
outbox-status-captured = Gardé ici (pas d'envoi)
outbox-back = Tous les e-mails
outbox-text-part = Version texte
outbox-html-part = Version mise en page
outbox-raw = Voir le message brut

## Erreurs
error-back-home = Retour à l'accueil
error-invalid-input = Certaines informations ne conviennent pas. Merci de les corriger.
error-invalid-input-title = Informations à corriger
error-bad-request = Nous n'avons pas compris ce qui a été envoyé. Merci de réessayer depuis le formulaire.
error-bad-request-title = Demande incomprise
error-login-required = Connectez-vous pour voir cette page.
error-login-required-title = Connexion nécessaire
error-forbidden = Vous n'avez pas accès à cette page.
error-forbidden-title = Accès réservé
error-not-found = Cette page n'existe pas ou a été déplacée.
error-not-found-title = Page introuvable
error-rate-limited = Trop d'essais en peu de temps. Attendez quelques minutes, puis réessayez.
error-rate-limited-title = Un peu de patience
error-csrf = Le formulaire a expiré. Revenez en arrière, rechargez la page et réessayez : rien n'a été modifié.
error-csrf-title = Formulaire expiré
error-link-invalid = Ce lien ne marche plus : il a déjà servi ou il est trop ancien. Vous pouvez en demander un nouveau.
error-link-invalid-title = Lien expiré
error-internal = Un problème est survenu de notre côté. Rien n'a été perdu ; réessayez dans un instant.
error-internal-title = Oups, un souci
error-timeout = La page a mis trop de temps à répondre. Réessayez dans un instant.
error-timeout-title = Trop long
error-too-large = Ce que vous avez envoyé est trop gros.
error-too-large-title = Envoi trop gros
error-email-empty = Indiquez votre adresse e-mail.
error-email-too-long = Cette adresse e-mail est trop longue.
error-email-invalid = Cette adresse e-mail ne semble pas correcte. Elle doit ressembler à nom@exemple.fr.
error-name-empty = Indiquez votre nom.
error-name-too-long = Ce nom est trop long (80 caractères au plus).
error-name-invalid = Ce nom contient des caractères invisibles. Merci de le retaper.
error-password-too-short = Le mot de passe doit faire au moins 10 caractères.
error-password-too-long = Le mot de passe est trop long (256 caractères au plus).
error-password-wrong = Ce n'est pas votre mot de passe actuel.
error-login-failed = L'adresse ou le mot de passe ne correspond pas. Vous pouvez aussi recevoir un lien de connexion par e-mail.
error-email-not-verified = Confirmez d'abord votre adresse avec le lien reçu par e-mail. Vous pouvez aussi demander un lien de connexion.
error-lang-unknown = Cette langue n'est pas proposée. Choisissez le français ou l'anglais.
error-choice-unknown = Choisissez une des propositions.

## E-mails
email-greeting = Bonjour { $name },
email-footer = Ce message vous est envoyé par { $instance }.
email-link-fallback = Si le bouton ne marche pas, copiez ce lien dans votre navigateur :
email-verify-subject = Confirmez votre adresse sur { $instance }
email-verify-intro = Merci de vous être inscrit sur { $instance } ! Pour confirmer votre adresse e-mail, cliquez sur le bouton ci-dessous.
email-verify-button = Confirmer mon adresse
email-verify-outro = Si vous ne vous êtes pas inscrit, ignorez ce message : rien ne se passera.
email-magic-link-subject = Votre lien de connexion à { $instance }
email-magic-link-intro = Voici votre lien pour vous connecter à { $instance }. Il marche une seule fois, pendant 20 minutes.
email-magic-link-button = Me connecter
email-magic-link-outro = Si vous n'avez rien demandé, ignorez ce message : personne ne pourra se connecter sans ce lien.
email-reset-subject = Choisir un nouveau mot de passe sur { $instance }
email-reset-intro = Vous avez demandé à changer votre mot de passe sur { $instance }. Le lien marche une seule fois, pendant une heure.
email-reset-button = Choisir un nouveau mot de passe
email-reset-outro = Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.
email-already-registered-subject = Vous avez déjà un compte sur { $instance }
email-already-registered-intro = Quelqu'un (sans doute vous) a voulu créer un compte sur { $instance } avec cette adresse. Vous en avez déjà un : pas besoin d'en créer un autre.
email-already-registered-button = Recevoir un lien de connexion
email-already-registered-outro = Si ce n'était pas vous, ignorez ce message : votre compte ne change pas.

## Mois
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
