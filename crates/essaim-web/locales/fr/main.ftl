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


## Groups, directory, ecosystems
nav-groups = Les groupes
nav-review = Groupes à valider
cancel = Annuler
pager-label = Pages
pager-position = Page { $page } sur { $pages }
kind-thematic = Groupe thématique
kind-territorial = Groupe territorial
kind-support = Groupe d'appui
kind-thematic-hint = réuni autour d'un sujet
kind-territorial-hint = réuni autour d'un lieu
kind-support-hint = au service des autres groupes (animation, entraide…)
status-preparing = En préparation
status-active = Actif
status-archived = Archivé
joining-open = Tout le monde peut rejoindre en un clic
joining-request = Sur demande, acceptée par l'animation
role-member = Membre
role-facilitator = Animation
role-leader = Pilotage
role-project_holder = Porteur ou porteuse de projet
role-referent = Personne référente
role-moderator = Modération
service-home = Site du groupe
service-information = Informations
service-meetings = Réunions
service-discussions = Discussions
service-projects = Projets
service-resources = Ressources
service-open_projects = Projets ouverts aux contributions
service-join = Rejoindre ou quitter
service-members = Liste des membres
service-administration = Administration
service-follow_up = Suivi des projets
visibility-members = Seuls les membres du groupe me voient dans la liste
visibility-everyone = Tout le monde peut me voir dans la liste
license-other = Autre licence
directory-title = Les groupes du réseau
directory-lead = { $count ->
    [0] Aucun groupe ne correspond pour l'instant.
    [one] Un groupe correspond à votre recherche.
   *[other] { $count } groupes correspondent à votre recherche.
}
directory-lead-map = Les groupes qui ont indiqué leur lieu, sur la carte.
directory-empty = Aucun groupe ne correspond à ces critères. Essayez d'en enlever un.
directory-all = Tous les groupes
directory-csv = Télécharger la liste (tableur)
group-propose = Proposer un groupe
group-referenced = Référencé
view-label = Affichage
view-cards = Cartes
view-list = Liste
view-map = Carte
filters-title = Filtrer
filter-search = Rechercher
filter-any = Tous
filter-any-active = Actifs et en préparation
filter-archived = Montrer aussi les groupes archivés
filter-apply = Filtrer
field-keyword = Mot-clé
col-group = Groupe
col-kind = Type
col-place = Lieu
col-members = Membres
members-count = { $count ->
    [0] Pas encore de membre
    [one] 1 membre
   *[other] { $count } membres
}
members-one = {"{"}n{"}"} membre
members-other = {"{"}n{"}"} membres
map-empty = Aucun groupe n'a encore indiqué son lieu.
map-error = La carte n'a pas pu se charger. Essayez la liste.
map-fallback = Voir la liste des groupes
ecosystem-title = Écosystème « { $keyword } »
ecosystem-lead = Tous les groupes qui se reconnaissent dans « { $keyword } ».
ecosystem-empty = Aucun groupe n'utilise encore le mot-clé « { $keyword } ».
figure-groups = { $count ->
    [one] groupe
   *[other] groupes
}
figure-members = { $count ->
    [one] membre
   *[other] membres
}
figure-several = des membres sont dans plusieurs de ces groupes
share-title = Partager / intégrer
share-lead = Copiez ce code dans votre site : la liste s'y affichera et restera à jour.
share-code = Code à copier
share-copy = Copier le code
share-copied = Copié !
embed-more = Voir tout sur { $instance }
home-my-groups = Mes groupes
home-no-groups = Vous n'êtes dans aucun groupe pour l'instant.
home-find-groups = Trouver des groupes
home-suggestions = Des membres de vos groupes ont aussi rejoint
home-suggestion-why = { $count ->
    [one] 1 personne de vos groupes y participe
   *[other] { $count } personnes de vos groupes y participent
}
home-ecosystems = Les écosystèmes du réseau
card-essentials = L'essentiel
card-more = Pour en dire plus
card-place = Où se trouve le groupe
card-partners = Partenaires
card-partners-hint = Les structures qui soutiennent le groupe. Laissez vide s'il n'y en a pas.
card-links = Les outils du groupe
card-links-hint = Les adresses des outils que le groupe utilise. Pour un groupe hébergé ici, ses propres pages sont utilisées si vous laissez vide.
field-group-name = Nom du groupe
field-summary = Le groupe en une phrase
field-summary-hint = 140 caractères au plus. Elle apparaît dans l'annuaire.
field-kind = Type de groupe
field-slug = Adresse courte
field-slug-hint = Elle sert dans l'adresse du groupe sur le site et dans son adresse e-mail. Des lettres sans accent, des chiffres et des tirets, par exemple jardins-lyon.
slug-suggestion = Cette adresse est libre : { $slug }
field-hosted = Héberger l'espace du groupe ici
field-hosted-hint = Le groupe aura ses pages, ses discussions et ses réunions sur ce site. Décochez si le groupe a déjà ses outils ailleurs : il aura seulement sa fiche dans l'annuaire.
field-description = Présentation
field-description-hint = Ce que fait le groupe, pour qui, comment participer. La mise en forme simple est possible (**gras**, listes avec -).
field-keywords = Mots-clés
field-keywords-hint = Séparés par des virgules, par exemple : jardin, compost, alimentation. Chaque mot-clé relie le groupe à un écosystème.
field-status = Où en est le groupe
field-joining = Comment rejoindre le groupe
field-member-count = Nombre de membres
field-member-count-hint = Pour un groupe référencé seulement : à peu près combien de personnes y participent.
field-license = Licence des productions du groupe
field-license-hint = Le groupe partage ce qu'il produit librement. CC BY-SA est conseillée.
field-license-other = Nom ou adresse de l'autre licence
field-country = Pays
field-country-hint = Le code à deux lettres, par exemple FR, BE, CH.
field-region = Région
field-latitude = Latitude
field-longitude = Longitude
field-coordinates-hint = Pour placer le groupe sur la carte, par exemple 45,76 et 4,83 pour Lyon.
field-partner-name = Partenaire { $n } : nom
field-partner-url = Partenaire { $n } : site web
charter-title = La charte du réseau
charter-lead = Chaque groupe du réseau s'engage à :
charter-open = être ouvert à toute personne qui le souhaite, sans cotisation ni autre condition ;
charter-power = développer le pouvoir d'agir de ses membres ;
charter-free = partager publiquement ce qu'il produit, sous une licence libre.
charter-accept = J'ai lu la charte et le groupe s'y engage
group-new-title = Proposer un groupe
group-new-lead = Remplissez la fiche du groupe. Seuls les quatre premiers champs sont obligatoires ; tout se modifie ensuite.
group-new-approval = Une personne d'appui du réseau relira votre proposition avant qu'elle apparaisse dans l'annuaire. Vous pourrez voir où elle en est sur la page du groupe.
group-new-submit = Proposer le groupe
group-edit-title = Modifier la fiche de { $name }
group-edit-submit = Enregistrer la fiche
banner-title = Bannière
banner-choose = Choisir une image
banner-hint = Une image PNG, JPEG ou WebP de 8 Mo au plus. Elle sera recadrée en bandeau (1920 × 160).
banner-send = Envoyer la bannière
logos-title = Logos des partenaires
logo-for = Logo de { $name }
logo-send = Envoyer
group-review-pending = Cette proposition attend qu'une personne d'appui la relise. Elle n'apparaît pas encore dans l'annuaire.
group-review-refused = Cette proposition n'a pas été retenue. Elle n'apparaît pas dans l'annuaire.
group-review-approved = Ce groupe n'est pas affiché dans l'annuaire.
group-join-title = Participer
group-join-open = Ce groupe est ouvert : rejoignez-le en un clic.
group-join = Rejoindre le groupe
group-join-on-request = Pour rejoindre ce groupe, envoyez une demande : une personne de l'animation vous répondra.
group-join-message = Quelques mots pour vous présenter (facultatif)
group-ask-to-join = Demander à rejoindre
group-join-login = Connectez-vous pour rejoindre ce groupe.
group-you-are-member = Vous êtes membre de ce groupe
group-leave = Quitter le groupe
group-leave-confirm = Voulez-vous vraiment quitter ce groupe ?
group-request-pending = Votre demande est envoyée. Vous recevrez un e-mail dès qu'une personne de l'animation aura répondu.
group-archived = Ce groupe est archivé : on ne peut plus le rejoindre.
group-referenced-join = Ce groupe a ses outils ailleurs : utilisez ses liens pour le rejoindre.
group-requests-title = { $count ->
    [one] Une demande pour rejoindre le groupe
   *[other] { $count } demandes pour rejoindre le groupe
}
request-accept = Accepter
request-decline = Refuser
group-about = Présentation
group-no-description = Le groupe n'a pas encore écrit sa présentation.
group-license = Les productions du groupe sont partagées sous la licence
group-links = Les outils du groupe
group-no-links = Aucun lien pour l'instant.
group-pages = Pages du groupe
group-members-link = Voir les membres

## Projects, their news, the follow-up board and the catalogue
projects-title = Projets
projects-lead = Ce que le groupe porte, qui s'en occupe et où on en est.
projects-none = Aucun projet pour l'instant.
projects-catalogue-link = Les projets ouverts aux contributions
projects-catalogue-title = Projets ouverts aux contributions
projects-catalogue-lead = Des projets de tous les groupes qui cherchent des personnes pour aider. Choisissez-en un et dites « Je veux aider ».
projects-catalogue-none = Aucun projet ne correspond.
projects-catalogue-feed = Suivre les nouveaux projets (flux Atom)
projects-filter = Filtrer
projects-previous = Page précédente
projects-next = Page suivante
project-new = Nouveau projet
project-edit = Modifier le projet
project-save = Enregistrer le projet
project-follow-up = Suivi des projets
project-open = Ouvert aux contributions
project-members-only = Réservé aux membres
project-held-by = Porté par
project-keywords = Mots-clés
project-next-step = Prochaine étape :
project-status-idea = Idée
project-status-active = En cours
project-status-paused = En pause
project-status-done = Terminé
project-status-stopped = Arrêté
project-visibility-public = Visible par tout le monde
project-visibility-members = Réservé aux membres du groupe
project-help-title = Envie d'aider ?
project-help-lead = Les personnes qui portent ce projet recevront votre nom et votre adresse e-mail pour vous contacter, et vous recevrez les nouvelles du projet.
project-help-button = Je veux aider
project-help-done = Merci ! Les personnes qui portent le projet ont reçu votre message, et vous recevrez ses nouvelles.
project-help-login = Connectez-vous pour proposer votre aide.
project-news-title = Où on en est
project-news-none = Pas encore de nouvelles.
project-news-post = Publier les nouvelles
project-news-by-email = par e-mail
project-keyed-title = Des nouvelles de « { $title } »
project-keyed-lead = Écrivez en quelques lignes où en est le projet. C'est tout : pas besoin de vous connecter.
field-project-title = Nom du projet
field-project-summary = Description courte
field-project-status = Où en est le projet
field-project-next-step = Prochaine étape
field-project-next-step-hint = Par exemple : « trouver une salle pour l'atelier de mars ».
field-project-keywords = Mots-clés
field-project-keywords-hint = Séparés par des virgules, par exemple : semences, jardin.
field-project-holders = Qui porte le projet
field-project-open = Ouvert aux contributions : le projet apparaît dans la liste de tous les groupes, avec un bouton « Je veux aider »
field-project-visibility = Qui peut voir le projet
field-project-news = Les nouvelles
field-project-news-hint = Ce qui a avancé, ce qui bloque, ce dont vous avez besoin.
field-project-keyword-filter = Mot-clé
field-project-region-filter = Région
field-project-group-filter = Groupe (adresse courte)
field-follow-up-note = Une note (facultatif)
follow-up-lead = Chaque semaine, passez en revue les projets : ceux qui n'ont pas donné de nouvelles depuis longtemps sont en haut. Un clic suffit pour demander des nouvelles par e-mail.
follow-up-project = Projet
follow-up-last-news = Dernières nouvelles
follow-up-next-step = Prochaine étape
follow-up-ask = Demander des nouvelles
follow-up-ask-button = Demander par e-mail
follow-up-asked = demandé le { $date }
follow-up-days = { $count ->
    [0] aujourd'hui
    [one] il y a { $count } jour
   *[other] il y a { $count } jours
}
follow-up-never = { $count ->
    [0] jamais, créé aujourd'hui
    [one] jamais, créé il y a { $count } jour
   *[other] jamais, créé il y a { $count } jours
}
follow-up-review = Vu cette semaine
follow-up-review-button = J'ai fait le point
flash-project-help-sent = Merci ! Votre proposition d'aide a été envoyée.
flash-project-reviewed = C'est noté : le suivi de cette semaine est fait.
flash-project-asked = La demande de nouvelles est partie par e-mail.
flash-project-news-thanks = Merci pour ces nouvelles !
error-project-title-empty = Donnez un nom au projet.
error-project-text-too-long = Ce texte est trop long : raccourcissez-le.
error-project-text-invalid = Ce texte contient des caractères invisibles ou un retour à la ligne. Merci de le retaper.
error-project-news-empty = Écrivez quelques mots sur l'avancée du projet.
error-project-holders-none = Choisissez au moins une personne qui porte le projet.
error-project-holders-too-many = Dix personnes au plus peuvent porter un projet.
error-project-holder-not-member = Seuls les membres du groupe peuvent porter un projet.
email-project-help-subject = { $person } veut aider « { $project } »
email-project-help-intro = { $person } a cliqué sur « Je veux aider » pour le projet « { $project } ». Vous pouvez lui écrire à { $address }.
email-project-help-button = Voir le projet
email-project-help-outro = Pensez à lui répondre vite : c'est le meilleur moment pour accueillir quelqu'un.
email-project-ask-subject = Où en est « { $project } » ?
email-project-ask-intro = { $person } fait le point sur les projets du groupe { $group } et aimerait avoir des nouvelles de « { $project } ».
email-project-ask-button = Donner des nouvelles
email-project-ask-outro = Le plus simple : répondez à cet e-mail en quelques lignes, votre réponse sera publiée sur la page du projet. Ou cliquez sur le bouton.
email-project-news-subject = Des nouvelles de « { $project } »
email-project-news-intro = { $person } a donné des nouvelles du projet « { $project } » : { $text }
email-project-news-button = Voir le projet
email-project-news-outro = Vous recevez ce message parce que vous avez proposé votre aide à ce projet.
email-project-news-expired-subject = Votre réponse au groupe { $group } n'a pas été publiée
email-project-news-expired-intro = Vous avez répondu à une demande de nouvelles trop ancienne ou inconnue : rien n'a été publié.
email-project-news-expired-button = Voir le groupe
email-project-news-expired-outro = Vous pouvez donner vos nouvelles directement sur la page du projet.
email-project-news-not-holder-subject = Votre réponse sur « { $project } » n'a pas été publiée
email-project-news-not-holder-intro = Cette demande de nouvelles a été envoyée à une autre personne : seule elle peut y répondre par e-mail. Rien n'a été publié.
email-project-news-not-holder-button = Voir le groupe
email-project-news-not-holder-outro = Si vous portez aussi ce projet, donnez vos nouvelles sur sa page.
email-project-news-empty-subject = Votre réponse sur « { $project } » était vide
email-project-news-empty-intro = Nous n'avons trouvé aucun texte dans votre réponse : rien n'a été publié.
email-project-news-empty-button = Écrire les nouvelles
email-project-news-empty-outro = Écrivez quelques lignes en haut de votre réponse, ou utilisez le bouton.
group-partners = Partenaires
group-edit = Modifier la fiche
members-title = Les membres de { $name }
members-you = vous
members-change-roles = Changer les rôles
members-roles-of = Rôles de { $name }
members-save-roles = Enregistrer les rôles
members-none-visible = Les membres de ce groupe ont choisi de n'être visibles que par les autres membres.
members-hidden = { $count ->
    [one] Une autre personne a choisi de n'être visible que par les membres.
   *[other] { $count } autres personnes ont choisi de n'être visibles que par les membres.
}
members-visibility-title = Qui peut me voir dans la liste ?
page-welcome-title = Bienvenue
page-welcome-body =
    # Bienvenue dans { $name }

    { $description }

    Cet espace est celui du groupe : chaque page peut être modifiée par ses membres.
page-meetings-title = Réunions
page-meetings-body =
    # Nos réunions

    Indiquez ici quand et où le groupe se retrouve, et comment y participer.
page-discussions-title = Discussions
page-discussions-body =
    # Discussions

    Les échanges du groupe se font ici et par e-mail. Écrivez ce dont le groupe parle en ce moment.
page-projects-title = Projets
page-projects-body =
    # Nos projets

    Les projets en cours de { $name }, et ceux qui cherchent des bras.
page-resources-title = Ressources
page-resources-body =
    # Ressources

    Les documents, guides et liens utiles du groupe, partagés sous la licence { $license }.
page-join-title = Rejoindre le groupe
page-join-body =
    # Rejoindre { $name }

    { $summary }

    { $how }
page-join-open = Tout le monde est bienvenu : il suffit de cliquer sur « Rejoindre le groupe » sur la page du groupe.
page-join-request = Envoyez une demande depuis la page du groupe : une personne de l'animation vous répondra.
page-edit = Modifier la page
page-save = Enregistrer la page
page-updated = Modifiée le { $date }
field-page-title = Titre
field-page-content = Contenu
field-page-content-hint = Mise en forme simple : # Titre, **gras**, - liste, [texte](adresse).
review-title = Groupes à valider
review-lead = Les groupes proposés attendent votre relecture avant d'apparaître dans l'annuaire.
review-empty = Aucune proposition en attente. Tout est à jour !
review-approve = Valider et afficher
review-refuse = Ne pas retenir
review-setting-title = Validation des nouveaux groupes
review-setting-label = Les groupes proposés attendent qu'une personne d'appui les valide
flash-group-created = Le groupe est créé et apparaît dans l'annuaire.
flash-group-proposed = Merci ! Votre proposition est envoyée ; elle apparaîtra dans l'annuaire une fois relue.
flash-group-saved = La fiche du groupe est enregistrée.
flash-group-approved = Le groupe est validé et apparaît dans l'annuaire.
flash-group-refused = La proposition n'est pas retenue.
flash-banner-saved = La nouvelle bannière est enregistrée.
flash-logo-saved = Le logo est enregistré.
flash-joined = Bienvenue dans le groupe !
flash-join-requested = Votre demande est envoyée à l'animation du groupe.
flash-left = Vous avez quitté le groupe.
flash-name-facilitator-first = Le groupe doit garder au moins une personne à l'animation : confiez d'abord ce rôle à quelqu'un d'autre.
flash-request-accepted = La demande est acceptée ; la personne est prévenue par e-mail.
flash-request-declined = La demande est refusée ; la personne est prévenue par e-mail.
flash-roles-saved = Les rôles sont enregistrés.
flash-visibility-saved = Votre choix est enregistré.
flash-page-saved = La page est enregistrée.
flash-settings-saved = Le réglage est enregistré.
error-slug-empty = Choisissez une adresse courte.
error-slug-format = Utilisez seulement des lettres sans accent, des chiffres et des tirets simples, sans tiret au début ni à la fin.
error-slug-lowercase = Écrivez l'adresse courte en minuscules, sans espace au début ni à la fin.
error-slug-length = L'adresse courte doit faire de 2 à 40 caractères.
error-slug-reserved = Cette adresse courte est réservée. Choisissez-en une autre.
error-slug-taken = Un autre groupe utilise déjà cette adresse courte.
error-slug-fixed = L'adresse courte d'un groupe ne peut pas changer.
error-hosted-fixed = On ne peut pas changer ici si un groupe est hébergé ou référencé.
error-group-name-empty = Donnez un nom au groupe.
error-group-name-too-short = Le nom du groupe doit faire au moins 2 caractères.
error-group-name-too-long = Le nom du groupe ne doit pas dépasser 120 caractères.
error-group-name-invalid = Le nom du groupe contient des caractères non autorisés.
error-summary-empty = Dites en une phrase ce que fait le groupe.
error-summary-too-long = Le résumé ne doit pas dépasser 140 caractères.
error-description-too-long = La présentation ne doit pas dépasser 20 000 caractères.
error-keyword-too-long = Chaque mot-clé doit faire 40 caractères au plus.
error-keywords-too-many = Vous pouvez mettre 20 mots-clés au plus.
error-keyword-invalid = Un mot-clé ne peut pas contenir / ? # < > ni \.
error-latitude-range = La latitude doit être comprise entre -90 et 90.
error-longitude-range = La longitude doit être comprise entre -180 et 180.
error-coordinates-pair = Indiquez la latitude et la longitude, ou aucune des deux.
error-coordinate-invalid = Écrivez un nombre, par exemple 45,76.
error-url-invalid = Cette adresse web n'est pas valable. Elle doit commencer par https:// ou http://.
error-country-invalid = Indiquez le pays par son code à deux lettres, par exemple FR.
error-region-too-long = La région ne doit pas dépasser 80 caractères.
error-member-count-range = Le nombre de membres doit être compris entre 0 et 10 000 000.
error-member-count-invalid = Écrivez le nombre de membres en chiffres, par exemple 120.
error-group-kind-empty = Choisissez le type de groupe.
error-choice-invalid = Ce choix n'est pas proposé. Choisissez dans la liste.
error-license-other-empty = Indiquez le nom ou l'adresse de la licence.
error-license-other-too-long = Le nom de la licence ne doit pas dépasser 200 caractères.
error-partners-too-many = Vous pouvez indiquer 30 partenaires au plus.
error-partner-name-empty = Donnez le nom de chaque partenaire.
error-partner-name-too-long = Le nom d'un partenaire ne doit pas dépasser 120 caractères.
error-partner-name-invalid = Le nom d'un partenaire contient des caractères non autorisés.
error-last-facilitator = Un groupe garde toujours au moins une personne qui l'anime. Confiez d'abord ce rôle à quelqu'un d'autre.
error-charter-required = Pour proposer un groupe, il faut accepter la charte du réseau.
error-group-not-joinable = On ne peut pas rejoindre ce groupe ici.
error-image-missing = Choisissez une image à envoyer.
error-image-not-image = Ce fichier n'est pas une image. Choisissez une image PNG, JPEG ou WebP.
error-image-type = Ce type d'image n'est pas accepté. Choisissez une image PNG, JPEG ou WebP.
error-image-too-large = Cette image est trop lourde : 8 Mo au plus.
error-image-too-many-pixels = Cette image est trop grande. Réduisez-la avant de l'envoyer.
error-image-corrupt = Cette image est abîmée et ne peut pas être lue.
error-json-body = Le corps de la requête doit être un objet JSON.
error-json-type = Ce champ n'a pas le bon type.
error-json-unknown-field = Ce champ n'existe pas.
error-page-number = Ce numéro de page n'existe pas.
error-page-size = Le nombre de résultats par page doit être entre 1 et 200.
error-page-title = Donnez un titre à la page (200 caractères au plus).
error-page-too-long = La page est trop longue. Coupez-la en plusieurs pages.
email-join-request-subject = { $person } demande à rejoindre { $group }
email-join-request-intro = { $person } demande à rejoindre le groupe { $group }. Son message : « { $message } »
email-join-request-button = Répondre à la demande
email-join-request-outro = Vous recevez ce message parce que vous animez ce groupe.
email-join-accepted-subject = Bienvenue dans { $group } !
email-join-accepted-intro = Bonne nouvelle : votre demande pour rejoindre { $group } est acceptée.
email-join-accepted-button = Voir le groupe
email-join-accepted-outro = À bientôt dans le groupe !
email-join-declined-subject = Votre demande pour { $group }
email-join-declined-intro = Votre demande pour rejoindre { $group } n'a pas été acceptée cette fois. Vous pouvez découvrir les autres groupes du réseau.
email-join-declined-button = Voir le groupe
email-join-declined-outro = Vous pouvez répondre à ce message pour en parler avec l'animation.
field-pick-on-map = Vous pouvez aussi cliquer sur la carte pour placer le groupe.

## People (administration)
nav-people = Personnes
people-title = Les personnes inscrites
people-lead = Cherchez une personne par son nom ou son adresse pour lui confier un rôle dans tout le réseau : personne d'appui (elle aide les groupes et valide les nouveaux) ou administration.
people-name = Personne
people-roles = Rôles dans le réseau
people-helper = Personne d'appui
people-admin = Administration
people-none = Personne ne correspond à cette recherche.
flash-keep-own-admin = Vous ne pouvez pas retirer votre propre rôle d'administration : demandez à une autre personne qui administre.

## The shared space (wiki)
nav-wiki = Le wiki du réseau
nav-search = Rechercher
group-wiki-link = L'espace partagé du groupe
wiki-breadcrumbs = Vous êtes ici
wiki-title = Espace partagé
wiki-changes = Derniers changements
wiki-search = Rechercher
wiki-of = L'espace partagé de { $name }
wiki-lead = Ici, on garde ce que l'on apprend : comptes rendus, modes d'emploi, décisions. Tout le monde peut lire ; les membres écrivent.
wiki-search-placeholder = Un mot, un sujet…
wiki-pages = Les pages
wiki-empty = Aucune page pour l'instant. Créez la première !
wiki-new-title = Titre de la nouvelle page
wiki-new = Créer la page
wiki-all-changes = Tous les changements
wiki-feed = Suivre dans un lecteur de flux (Atom)
wiki-watch-wiki = Suivre tout l'espace partagé
wiki-watch-page = Suivre cette page
wiki-see-diff = voir ce qui a changé
wiki-created = page créée
wiki-no-changes = Aucun changement pour l'instant.
wiki-watching-immediate = Vous recevez un e-mail à chaque changement.
wiki-watching-daily = Vous recevez un résumé par jour des changements.
wiki-watch-lead = Recevez un e-mail quand quelque chose change.
wiki-watch-immediate = À chaque changement
wiki-watch-daily = Un résumé par jour
wiki-watch-stop = Ne plus suivre
wiki-access-members = Réservée aux membres du groupe
wiki-access-facilitators = Réservée à l'animation du groupe
wiki-toc = Sommaire
wiki-updated = Modifiée le { $date } par { $author } (version { $revision })
wiki-tools = Outils de la page
wiki-edit = Modifier la page
wiki-history = Historique
wiki-files = Fichiers joints
wiki-file-add = Joindre un fichier
wiki-file-hint = Image (PNG, JPEG, WebP), PDF, document (ODT, DOCX…) ou texte, 10 Mo au plus.
wiki-file-send = Envoyer le fichier
wiki-page-settings = Qui peut lire et modifier cette page ?
wiki-settings = Qui peut lire et modifier l'espace partagé ?
wiki-missing-title = Cette page n'existe pas encore
wiki-missing-lead = Un lien mène ici, mais personne n'a encore écrit la page. Vous pouvez la créer.
wiki-create = Créer cette page
wiki-editing = Modifier « { $title } »
wiki-creating = Nouvelle page
field-page-title-hint = Un titre lisible, par exemple « Compte rendu du 12 mars ». L'adresse de la page en découle.
field-edit-summary = Ce que vous avez changé (facultatif)
field-edit-summary-hint = Quelques mots pour l'historique, par exemple « ajout des dates ».
toolbar-label = Mise en forme
toolbar-bold = Gras
toolbar-heading = Titre
toolbar-list = Liste
toolbar-link = Lien
toolbar-link-prompt = Adresse du lien :
toolbar-image = Image
toolbar-image-prompt = Adresse de l'image :
toolbar-wikilink = Lien vers une page
toolbar-wikilink-prompt = Nom de la page :
wiki-save = Enregistrer
wiki-preview = Aperçu
cheat-title = Aide-mémoire de mise en forme
cheat-bold-word = gras
cheat-italic-word = italique
cheat-heading = Titre
cheat-heading-hint = un titre ; ## pour un sous-titre
cheat-item = élément
cheat-list-hint = une liste à puces
cheat-numbered-hint = une liste numérotée
cheat-task = à faire
cheat-task-hint = une case à cocher
cheat-text = texte
cheat-link-hint = un lien vers un site
cheat-page = Nom de page
cheat-wikilink-hint = un lien vers une page de cet espace (elle sera proposée à la création si elle n'existe pas)
cheat-table-hint = un tableau (une ligne par rangée)
conflict-title = Quelqu'un a modifié la page en même temps que vous
conflict-lead = { $author } a enregistré une nouvelle version le { $date }. Rien n'est perdu : voici votre texte et le sien. Choisissez ce que vous gardez.
conflict-diff = Les différences
conflict-diff-hint = Barré : seulement dans sa version. Souligné : seulement dans la vôtre.
conflict-mine = Votre version
conflict-keep-mine = Enregistrer ma version (elle remplace la sienne)
conflict-theirs = Sa version, enregistrée
conflict-keep-theirs = Garder sa version
history-title = Historique de « { $title } »
history-from = De
history-to = À
history-version = Version
history-who = Qui
history-summary = Changement
history-number = version { $n }
history-restore = Rétablir cette version
history-restore-confirm = Rétablir la version { $n } ? Elle deviendra la plus récente ; rien n'est effacé.
history-compare = Comparer les deux versions choisies
history-contributors = Qui a contribué
history-revisions = { $count ->
    [one] 1 version
   *[other] { $count } versions
}
diff-title = Différences
diff-heading = De la version { $from } à la version { $to }
diff-lead = Barré : texte retiré. Souligné : texte ajouté.
diff-title-changed = Le titre est passé de « { $old } » à « { $new } ».
revision-old = Vous lisez la version { $n }, du { $date }.
revision-current = Voir la version actuelle
page-settings-title = Qui peut lire et modifier « { $title } » ?
access-read = Qui peut lire
access-edit = Qui peut modifier
access-inherit = Comme le reste de l'espace partagé
access-read-everyone = Tout le monde, même sans compte
access-read-members = Les membres du groupe
access-read-facilitators = L'animation du groupe seulement
access-edit-members = Les membres du groupe
access-edit-logged_in = Toute personne connectée (espace ouvert)
changes-title = Derniers changements : { $name }
search-title = Rechercher
search-in = Rechercher dans { $name }
search-button = Rechercher
search-kind-meeting = Rencontre
search-kind-news = Nouvelle
search-kind-project = Projet
search-count = { $count ->
    [one] Un résultat
   *[other] { $count } résultats
}
search-none = Rien trouvé pour « { $q } ». Essayez un autre mot.
watch-stopped-title = Suivi arrêté
watch-stopped = C'est fait : vous ne recevrez plus ces e-mails.
watch-stop-unknown = Ce lien ne correspond à aucun suivi en cours : vous ne recevez déjà plus ces e-mails.
feed-title = Derniers changements : { $name }
wiki-restored-summary = Retour à la version { $n }
flash-page-restored = L'ancienne version est rétablie (elle devient la plus récente).
flash-watching = C'est noté : vous serez prévenu par e-mail.
flash-watch-stopped = Vous ne suivez plus.
flash-file-added = Le fichier est joint à la page.
email-stop = Ne plus recevoir ces e-mails
email-page-changed-subject = « { $title } » a été modifiée
email-page-changed-intro = { $author } a modifié la page « { $title } ». Ce qui a changé : { $summary }
email-page-changed-button = Voir ce qui a changé
email-page-changed-outro = Vous recevez ce message parce que vous suivez cette page.
email-watch-digest-subject = Les pages modifiées hier sur { $instance }
email-watch-digest-intro = { $count ->
    [one] Une page que vous suivez a changé :
   *[other] { $count } changements dans les pages que vous suivez :
}
email-watch-digest-button = Voir tous les changements
email-watch-digest-outro = Vous recevez ce résumé parce que vous suivez ces pages chaque jour.
error-page-title-empty = Donnez un titre à la page.
error-page-title-too-long = Le titre ne doit pas dépasser 200 caractères.
error-page-title-invalid = Ce titre ne peut pas servir : il faut au moins une lettre ou un chiffre.
error-page-title-taken = Une autre page porte déjà ce nom (ou un nom qui donne la même adresse). Choisissez un autre titre.
error-edit-summary-too-long = Le résumé du changement ne doit pas dépasser 300 caractères.
error-revision-unknown = Cette version de la page n'existe pas.
error-page-changed = La page a changé entre-temps. Rechargez l'historique et réessayez.
error-file-missing = Choisissez un fichier à joindre.
error-file-too-large = Ce fichier est trop lourd : 10 Mo au plus.
error-file-type = Ce type de fichier n'est pas accepté. Joignez une image, un PDF, un document ou un texte.
error-page-stale = La page a été modifiée depuis la version sur laquelle vous vous basez. Relisez la version actuelle et recommencez.
wiki-contributors-month = Qui a contribué ces 30 derniers jours

## Meetings, calendars and date polls
nav-agenda = Agenda
group-next-meeting = Prochaine rencontre

## The group's timeline (the activity log); { $who } is a person's name
group-timeline = Ce qui s'est passé
group-timeline-empty = Rien pour l'instant.
activity-someone = Quelqu'un
activity-topic_opened = { $who } a ouvert le sujet
activity-post_written = { $who } a répondu dans
activity-page_saved = { $who } a modifié la page
activity-page_restored = { $who } a remis une version précédente de la page
activity-file_attached = { $who } a joint un fichier à la page
activity-meeting_created = { $who } a prévu la rencontre
activity-meeting_held = La rencontre a eu lieu :
activity-meeting_cancelled = { $who } a annulé la rencontre
activity-poll_opened = { $who } a lancé le sondage de dates
activity-poll_closed = { $who } a clos le sondage de dates
activity-minutes_written = { $who } a commencé le compte rendu
activity-project_created = { $who } a ajouté le projet
activity-project_news = { $who } a donné des nouvelles du projet
activity-follow_up_reviewed = { $who } a fait le point sur les projets
activity-news_posted = { $who } a publié l'information
activity-newsletter_sent = { $who } a envoyé la lettre d'information
activity-resource_added = { $who } a ajouté la ressource
activity-member_joined = { $who } a rejoint le groupe
activity-member_left = { $who } a quitté le groupe
activity-roles_changed = Les rôles ont changé pour
# News (nouvelles du groupe) and news-only subscriptions
news-title = Nouvelles
news-of = Les nouvelles de { $name }
news-latest = Dernières nouvelles
news-none = Aucune nouvelle pour l'instant. Les animateurs du groupe les publient ici.
news-all = Toutes les nouvelles
news-all-and-subscribe = Toutes les nouvelles, et les recevoir par e-mail
news-by = Par { $author }, le { $date }
news-new = Publier une nouvelle
news-publish = Publier
news-visibility-public = Tout le monde
news-visibility-members = Membres seulement
news-feed-title = Nouvelles de { $group }
news-feed-hint = Adresse du fil d'actualité (pour un lecteur de flux) :
news-subscribe-title = Recevoir les nouvelles par e-mail
news-subscribe-hint = Sans créer de compte ni rejoindre le groupe : donnez votre adresse e-mail, vous recevrez un lien pour confirmer. Vous pourrez arrêter quand vous voulez.
news-subscribe-button = Recevoir les nouvelles
news-subscribed-title = Regardez vos e-mails
news-subscribed-text = Si cette adresse ne reçoit pas encore les nouvelles de { $group }, un e-mail vient de partir avec un lien pour confirmer.
news-back-to-group = Revenir au groupe
news-confirm-title = Confirmer l'abonnement
news-confirm-ask = Appuyez sur le bouton pour recevoir les nouvelles du groupe par e-mail.
news-confirm-button = Oui, recevoir les nouvelles
news-confirmed-title = C'est confirmé
news-confirmed-text = Vous recevrez les nouvelles de { $group } par e-mail.
news-unsubscribe-title = Ne plus recevoir les nouvelles
news-unsubscribe-ask = Vous ne recevrez plus les nouvelles de { $group } par e-mail.
news-unsubscribe-button = Arrêter les nouvelles
news-unsubscribed-title = C'est fait : vous ne recevrez plus ces nouvelles
news-unsubscribed-text = Vous ne recevrez plus les nouvelles de { $group }.
field-news-title = Titre
field-news-body = Texte
field-news-body-hint = La même mise en forme que les pages partagées.
field-news-image = Image (facultatif)
field-news-image-hint = Une image PNG, JPEG ou WebP, 8 Mo au plus.
field-news-visibility = Qui peut la lire
field-news-email = Votre adresse e-mail
error-news-title-empty = Donnez un titre à la nouvelle.
error-news-title-too-long = Le titre est trop long (200 caractères au plus).
error-news-body-empty = Écrivez le texte de la nouvelle.
error-news-body-too-long = Le texte est trop long (50 000 caractères au plus).
email-news-intro = Une nouvelle de { $group }, par { $author } :
email-news-see = Lire sur le site
email-news-stop = Ne plus recevoir les nouvelles de ce groupe
email-news-confirm-subject = Confirmez pour recevoir les nouvelles de { $group }
email-news-confirm-intro = Quelqu'un (vous, sans doute) a demandé à recevoir par e-mail les nouvelles de { $group } sur { $instance }.
email-news-confirm-button = Confirmer
email-news-confirm-outro = Si ce n'est pas vous, ne faites rien : vous ne recevrez rien.
group-no-next-meeting = Aucune rencontre prévue pour le moment.
meetings-see-calendar = Voir les rencontres du groupe
nav-my-meetings = Mes rencontres
meetings-title = Rencontres
meetings-of = Les rencontres de { $name }
meetings-upcoming = À venir
meetings-past = Passées
meetings-none-upcoming = Aucune rencontre prévue pour l'instant. Proposez une date, ou lancez un sondage pour trouver celle qui convient au plus grand nombre.
meetings-none-past = Pas encore de rencontre passée.
meetings-subscribe = Suivre dans votre agenda
meetings-subscribe-hint = Copiez cette adresse dans votre agenda (Thunderbird, Google Agenda, Apple Calendrier, Outlook) : les rencontres publiques du groupe s'y ajouteront toutes seules.
meetings-private-feed-link = Votre agenda personnel, avec les rencontres réservées aux membres
meetings-regular = Le groupe se réunit régulièrement
meetings-regular-hint = Si rien n'est prévu quelques jours avant la date attendue, la personne qui organise reçoit un rappel avec un lien pour lancer le sondage ; une semaine plus tard, les animateurs sont prévenus.
field-cadence = Rythme des rencontres
cadence-none = Pas de rythme fixe
cadence-weekly = Chaque semaine
cadence-fortnightly = Toutes les deux semaines
cadence-monthly = Chaque mois
field-lead-days = Rappel combien de jours avant
meeting-save = Enregistrer
meeting-new = Proposer une rencontre
meeting-create = Créer la rencontre
meeting-edit = Modifier la rencontre
meeting-edit-one-only = Vos changements ne concernent que cette date : les autres rencontres de la série restent comme elles sont.
meeting-move-one = Déplacer ou modifier cette date
meeting-cancel = Annuler la rencontre
meeting-cancel-one = Annuler cette date seulement
meeting-cancel-confirm = Annuler cette rencontre ?
meeting-stop-series = Arrêter la série
meeting-stop-series-confirm = Plus aucune nouvelle date ne sera créée, et les dates prévues après celle-ci seront annulées (les personnes invitées seront prévenues). Continuer ?
meeting-cancelled = Annulée
meeting-members-only = Réservée aux membres
meeting-online = En ligne
meeting-in-series = Rencontre régulière
meeting-going-count = { $count ->
    [0] Personne n'a encore dit venir
    [one] Une personne vient
   *[other] { $count } personnes viennent
}
meeting-capacity = { $count } places
meeting-full = C'est complet.
meeting-over = Cette rencontre est passée.
meeting-coming = Qui vient ?
meeting-who = Les réponses
meeting-login-to-answer = Se connecter pour répondre
meeting-organized-by = Organisée par { $name }
meeting-where = Où ?
meeting-see-map = voir sur la carte
meeting-join-online = Rejoindre en ligne
meeting-add-calendar = Ajouter à mon agenda
meeting-manage = Gérer la rencontre
meeting-minutes = Compte rendu
meeting-minutes-exist = Compte rendu écrit
meeting-minutes-missing = Pas encore de compte rendu
meeting-minutes-write = Écrire le compte rendu
meeting-minutes-template-hint = La page est créée dans l'espace partagé du groupe à partir de son modèle : la page « Modèle compte rendu », que le groupe peut modifier.
meeting-visibility-public = Visible par tout le monde
meeting-visibility-members = Réservée aux membres du groupe
rsvp-going = Je viens
rsvp-maybe = Peut-être
rsvp-not_going = Je ne viens pas
field-meeting-title = Titre
field-meeting-description = Description
field-meeting-starts = Début
field-meeting-ends = Fin
field-meeting-timezone = Fuseau horaire
field-meeting-timezone-hint = Par exemple Europe/Paris. Laissez tel quel si vous êtes en France métropolitaine.
field-meeting-repeat = Répéter
repeat-none = Une seule fois
repeat-weeks-1 = Chaque semaine
repeat-weeks-2 = Toutes les deux semaines
repeat-monthly = Chaque mois, le même jour de la semaine (par exemple le premier mardi)
field-meeting-address = Adresse
field-meeting-online = Lien pour rejoindre en ligne
field-meeting-online-hint = Par exemple le lien de votre visio.
field-meeting-capacity = Nombre de places
field-meeting-capacity-hint = Laissez vide s'il n'y a pas de limite.
field-meeting-visibility = Qui peut la voir ?
series-weeks = { $count ->
    [one] Chaque semaine
   *[other] Toutes les { $count } semaines
}
series-monthly = Le { $nth } { $weekday } du mois
series-nth-1 = premier
series-nth-2 = deuxième
series-nth-3 = troisième
series-nth-4 = quatrième
series-nth-last = dernier
weekday-mon = lundi
weekday-tue = mardi
weekday-wed = mercredi
weekday-thu = jeudi
weekday-fri = vendredi
weekday-sat = samedi
weekday-sun = dimanche
agenda-title = Agenda
agenda-lead = Toutes les rencontres à venir du réseau.
agenda-keyword = Thème
agenda-region = Région
agenda-group = Groupe
agenda-group-placeholder = adresse courte du groupe
agenda-all = Tous
agenda-filter = Filtrer
agenda-empty = Aucune rencontre à venir ici.
agenda-earlier = Rencontres précédentes
agenda-later = Rencontres suivantes
agenda-ecosystem-feed = Suivre les rencontres « { $keyword } » dans votre agenda
my-meetings = Mes rencontres
my-meetings-coming = Où je vais
my-meetings-none = Vous n'avez encore dit venir à aucune rencontre.
my-meetings-groups = Dans mes groupes
my-calendar = Mon agenda personnel
my-calendar-hint = Une adresse secrète, rien que pour vous, qui met dans votre agenda les rencontres de vos groupes, y compris celles réservées aux membres. Ne la partagez pas.
my-calendar-since = Adresse créée le { $date }.
my-calendar-create = Créer mon adresse d'agenda
my-calendar-renew = Créer une nouvelle adresse (l'ancienne ne marchera plus)
my-calendar-revoke = Supprimer mon adresse
my-calendar-new = Voici votre adresse d'agenda. Copiez-la maintenant : elle ne sera plus affichée.
my-calendar-how = Thunderbird : Agenda › Nouvel agenda › Sur le réseau. Google Agenda : Autres agendas › À partir de l'URL. Apple Calendrier : Fichier › Nouvel abonnement.
poll-new = Proposer des dates
poll-new-lead = Proposez quelques dates : chacun dira ce qui lui convient, puis vous choisirez.
poll-next-meeting = Notre prochaine rencontre
field-poll-title = Pour quelle rencontre ?
poll-dates = Les dates proposées
poll-dates-hint = Proposez au moins une date. Vous pouvez aussi écrire des choix libres (« un samedi matin »).
poll-date-n = Date { $n }
poll-free-n = Choix libre { $n }
field-poll-duration = Durée de la rencontre (en minutes)
field-poll-deadline = Répondre avant le
field-poll-deadline-hint = Facultatif. Un rappel part la veille vers ceux qui n'ont pas répondu.
field-poll-guests = Les personnes sans compte peuvent répondre avec leur nom
poll-launch = Lancer le sondage
polls-open = Sondages en cours
poll-is-open = Ouvert
poll-is-closed = Fermé
poll-deadline = Répondre avant le { $date }
poll-saved = Merci, votre réponse est enregistrée.
poll-private-link = Gardez ce lien pour changer vos réponses plus tard (il n'est connu que de vous) :
poll-see-meeting = Voir la rencontre
poll-results = Les réponses
poll-who = Qui
poll-comment = Commentaire
poll-best = Le mieux
poll-guest = sans compte
poll-guest-email = Votre adresse e-mail (facultatif)
poll-guest-email-hint = Pour recevoir un message quand la date est choisie. Elle n'est montrée à personne.
poll-your-name = Votre nom
poll-totals = Total
poll-tally = { $yes } oui, { $maybe } si besoin
poll-answer = Enregistrer ma réponse
poll-login-to-answer = Se connecter pour répondre
poll-close = Choisir la date
poll-close-hint = La rencontre est créée à la date choisie et toutes les personnes qui ont répondu sont prévenues.
poll-choose = L'option retenue
poll-free-start = Pour un choix libre : date et heure de la rencontre
poll-close-button = Choisir et créer la rencontre
choice-yes = Oui
choice-if_need_be = Si besoin
choice-no = Non
error-meeting-title-empty = Donnez un titre à la rencontre.
error-meeting-title-too-long = Le titre ne doit pas dépasser 200 caractères.
error-meeting-description-too-long = La description est trop longue.
error-meeting-time-missing = Indiquez la date et l'heure.
error-meeting-time-invalid = Cette date n'est pas valable.
error-meeting-time-offset = Donnez la date au format RFC 3339 avec le décalage horaire, par exemple 2027-03-30T19:00:00+02:00.
error-meeting-time-skipped = Cette heure n'existe pas ce jour-là (passage à l'heure d'été). Choisissez une autre heure.
error-meeting-timezone = Ce fuseau horaire est inconnu. Par exemple : Europe/Paris.
error-meeting-end-before-start = La fin doit venir après le début.
error-meeting-too-long = Une rencontre dure au plus deux semaines.
error-meeting-address-too-long = L'adresse ne doit pas dépasser 300 caractères.
error-meeting-capacity = Le nombre de places doit être un nombre entier à partir de 1.
error-meeting-visibility = Choisissez qui peut voir la rencontre.
error-meeting-repeat = Choisissez comment la rencontre se répète.
error-meeting-answer = Choisissez « je viens », « peut-être » ou « je ne viens pas ».
error-meeting-full = C'est complet : il n'y a plus de place.
error-meeting-over = Cette rencontre est passée ou annulée : on ne peut plus répondre.
error-meeting-cadence = Choisissez un rythme de la liste.
error-meeting-lead-days = Le rappel part entre 1 et 60 jours avant.
error-poll-no-option = Proposez au moins une date ou un choix.
error-poll-option-past = Une des dates proposées est déjà passée.
error-poll-option-invalid = Une des dates proposées n'est pas valable.
error-poll-option-too-long = Un choix libre ne doit pas dépasser 200 caractères.
error-poll-too-many-options = Trente choix au plus.
error-poll-deadline-past = La date limite est déjà passée.
error-poll-duration = La durée doit être comprise entre 5 minutes et deux semaines.
error-poll-name-empty = Indiquez votre nom.
error-poll-text-too-long = Ce texte est trop long (500 caractères au plus).
error-poll-choice = Répondez par oui, si besoin ou non.
error-poll-closed = Ce sondage est fermé : les réponses ne sont plus prises.
error-poll-choose-option = Choisissez une des options.
email-meeting-invite-subject = Invitation : { $title } — { $when }
email-meeting-invite-intro = Le groupe { $group } se retrouve : « { $title } », { $when }. L'invitation jointe s'ajoute à votre agenda.
email-meeting-invite-button = Dire si je viens
email-meeting-invite-outro = Vous recevez ce message parce que vous êtes membre du groupe { $group }.
email-meeting-changed-subject = Changement : { $title } — { $when }
email-meeting-changed-intro = La rencontre « { $title } » du groupe { $group } a changé : c'est maintenant { $when }.
email-meeting-changed-button = Voir la rencontre
email-meeting-changed-outro = Vous recevez ce message parce que vous êtes membre du groupe { $group }.
email-meeting-reminder-subject = Demain : { $title }
email-meeting-reminder-intro = Petit rappel : « { $title } » ({ $group }), { $when }.
email-meeting-reminder-button = Voir la rencontre
email-meeting-reminder-outro = Vous recevez ce rappel parce que vous avez dit venir.
email-minutes-ask-subject = Le compte rendu de « { $title } »
email-minutes-ask-intro = Merci d'avoir organisé « { $title } ». Pouvez-vous écrire le compte rendu ? La page est prête dans l'espace partagé du groupe { $group }.
email-minutes-ask-button = Écrire le compte rendu
email-minutes-ask-outro = On ne vous le demandera qu'une fois.
email-alive-organizer-subject = { $group } : la prochaine rencontre n'est pas encore prévue
email-alive-organizer-intro = La prochaine rencontre du groupe { $group } est attendue vers le { $due }, et rien n'est encore prévu. Un clic suffit pour proposer des dates.
email-alive-organizer-button = Lancer le sondage de dates
email-alive-organizer-outro = Vous recevez ce message parce que vous avez organisé la dernière rencontre.
email-alive-facilitators-subject = { $group } : aucune rencontre prévue
email-alive-facilitators-intro = La prochaine rencontre du groupe { $group } était attendue vers le { $due } et rien n'est prévu, malgré un rappel il y a une semaine.
email-alive-facilitators-button = Proposer des dates
email-alive-facilitators-outro = Vous recevez ce message parce que vous animez ce groupe.
email-poll-reminder-subject = Votre avis sur les dates : { $title }
email-poll-reminder-intro = Le groupe { $group } cherche une date pour « { $title } ». Vous n'avez pas encore répondu ; réponses jusqu'au { $deadline }.
email-poll-reminder-button = Donner mes disponibilités
email-poll-reminder-outro = C'est le seul rappel pour ce sondage.
email-poll-closed-subject = Date choisie : { $title } — { $when }
email-poll-closed-intro = Merci d'avoir répondu. « { $title } » ({ $group }) aura lieu { $when }.
email-poll-closed-button = Voir la rencontre
email-poll-closed-outro = Vous recevez ce message parce que vous avez répondu au sondage.
email-meeting-cancelled-subject = Annulée : { $title } — { $when }
email-meeting-cancelled-intro = La rencontre « { $title } » du groupe { $group }, prévue { $when }, est annulée. Le fichier joint la retire de votre agenda.
email-meeting-cancelled-button = Voir les autres rencontres
email-meeting-cancelled-outro = Vous recevez ce message parce que vous êtes membre du groupe { $group }.
## Discussions : le forum du groupe et sa liste de diffusion
bell-label = Notifications
bell-unread = { $count ->
    [one] Une notification non lue
   *[other] { $count } notifications non lues
}
discussion-quote-wrote = { $name } a écrit :
discussions-title = Discussions
discussions-of = Les discussions de { $name }
discussions-lead = Parlez avec le groupe ici, ou par e-mail en écrivant à { $email }.
discussions-breadcrumbs = Fil d'Ariane des discussions
discussions-topics = Les sujets
discussions-empty = Aucun sujet pour l'instant. Lancez la première discussion !
discussions-line = Lancé par { $author } · { $count ->
    [one] un message
   *[other] { $count } messages
} · dernier le { $date }
discussions-unread = Nouveau
discussions-pinned = Épinglé
discussions-closed = Fermé
discussions-pages = Pages des sujets
discussions-newer = Plus récents
discussions-older = Plus anciens
discussions-page-of = Page { $page } sur { $pages }
discussions-feed = Suivre les sujets (flux Atom)
discussions-feed-title = Discussions : { $name }
discussions-new = Lancer un sujet
discussions-open = Lancer la discussion
discussions-members-write = Seuls les membres du groupe écrivent ici. Rejoignez le groupe pour participer.
discussions-join = Voir le groupe et le rejoindre
discussions-login-to-write = Connectez-vous pour écrire au groupe.
discussions-settings = Réglages des discussions
discussions-moderation = Modération
discussions-pin = Épingler en haut
discussions-unpin = Ne plus épingler
discussions-close = Fermer le sujet
discussions-reopen = Rouvrir le sujet
discussions-via-email = par e-mail
discussions-edited = modifié
discussions-in-reply-to = en réponse à { $name }
discussions-held = En attente d'accord
discussions-hidden = Masqué
discussions-show-trimmed = Voir la partie coupée (citations, signature)
discussions-like = J'aime
discussions-likes = { $count ->
    [one] Une personne aime
   *[other] { $count } personnes aiment
}
discussions-quote = Citer
discussions-edit = Modifier
discussions-delete = Supprimer
discussions-hide = Masquer
discussions-restore = Rétablir
discussions-flag = Signaler
discussions-flag-reason = Pourquoi ? (facultatif)
discussions-flag-send = Envoyer le signalement
discussions-file-add = Joindre un fichier
discussions-post-deleted = Ce message a été supprimé.
discussions-post-unavailable = Ce message n'est pas visible pour l'instant.
discussions-reply = Répondre
discussions-send-reply = Envoyer la réponse
discussions-closed-explained = Ce sujet est fermé : il ne reçoit plus de réponses.
discussions-editing = Modifier votre message dans « { $title } »
discussions-save = Enregistrer
discussions-history = Versions du message
discussions-history-of = Les versions du message de { $name }
discussions-current = Version actuelle
discussions-before = Avant la modification du { $date }
discussions-back = Revenir au sujet
discussions-read-legend = Qui peut lire les discussions ?
discussions-read-public = Tout le monde (archives publiques) ; seuls les membres écrivent
discussions-read-members = Les membres du groupe seulement
discussions-outsiders-legend = Quand une personne extérieure écrit au groupe par e-mail
discussions-outsiders-moderate = Son message attend l'accord d'un modérateur
discussions-outsiders-refuse = Son message est refusé, avec une explication
discussions-hold-new = Les premiers messages des nouveaux membres attendent l'accord d'un modérateur
field-topic-title = Titre du sujet
field-post-text = Votre message
field-post-text-hint = Écrivez simplement. Mettez @ devant le nom d'une personne pour la prévenir (par exemple @fanny).
error-topic-title-empty = Donnez un titre au sujet.
error-topic-title-too-long = Le titre ne doit pas dépasser 200 caractères.
error-topic-title-invalid = Ce titre contient des caractères qui ne peuvent pas servir.
error-post-empty = Écrivez votre message avant de l'envoyer.
error-post-too-long = Ce message est trop long : 100 000 caractères au plus.
error-topic-closed = Ce sujet est fermé : il ne reçoit plus de réponses. Votre texte est resté ci-dessous.
flash-topic-opened = Votre sujet est lancé.
flash-reply-posted = Votre réponse est publiée.
flash-post-held = Votre message attend l'accord d'un modérateur du groupe.
flash-post-edited = Votre message est modifié.
flash-post-deleted = Le message est supprimé.
flash-post-flagged = Merci : les modérateurs vont regarder ce message.
flash-post-hidden = Le message est masqué.
flash-post-restored = Le message est visible.
flash-post-kept = Le message reste visible ; les signalements sont clos.
flash-topic-pinned = Le sujet est épinglé en haut de la liste.
flash-topic-unpinned = Le sujet n'est plus épinglé.
flash-topic-closed = Le sujet est fermé.
flash-topic-reopened = Le sujet est rouvert.
flash-file-added-post = Le fichier est joint à votre message.
flash-list-saved = C'est noté : vos e-mails du groupe suivent ce choix.
flash-mail-resumed = C'est noté : nous vous écrivons de nouveau.
list-settings-title = Recevoir le groupe par e-mail
list-mode-legend = Ce que vous recevez
list-mode-every = Chaque message
list-mode-daily = Un résumé par jour
list-mode-weekly = Un résumé par semaine
list-mode-none = Rien par e-mail (sur le site seulement)
list-own = Recevoir aussi mes propres messages
list-save = Enregistrer mon choix
moderation-held-posts = Messages de nouveaux membres en attente
moderation-held-mail = E-mails de personnes extérieures
moderation-flagged = Messages signalés
moderation-none = Rien à regarder.
moderation-see-topic = voir le sujet
moderation-approve = Publier
moderation-approve-mail = Publier et proposer de rejoindre le groupe
moderation-refuse = Refuser
moderation-keep = Garder visible
moderation-flags = { $count ->
    [one] un signalement
   *[other] { $count } signalements
}
notifications-title = Vos notifications
notifications-empty = Rien de nouveau. Quand quelqu'un vous mentionne ou répond à votre sujet, vous le verrez ici.
notifications-mail-stopped = Nos e-mails ne vous parviennent plus : votre adresse les a refusés plusieurs fois. Vérifiez-la dans votre compte, puis dites-nous de recommencer.
notifications-resume-mail = M'écrire de nouveau
notification-mention = { $name } vous a mentionné dans « { $title } »
notification-reply = { $name } a répondu à votre sujet « { $title } »
notification-mail-stopped = Nos e-mails ne vous parviennent plus : votre adresse les refuse.
email-list-post-intro = { $name } a écrit au groupe { $group } :
email-list-footer = Vous recevez ce message parce que vous êtes membre du groupe { $group }.
email-list-reply-hint = Répondez simplement à cet e-mail pour répondre au groupe.
email-list-see = Voir la discussion sur le site
email-list-settings = Choisir ce que je reçois (ou ne plus rien recevoir)
email-list-daily-subject = [{ $group }] Le résumé du jour : { $count ->
    [one] un nouveau message
   *[other] { $count } nouveaux messages
}
email-list-weekly-subject = [{ $group }] Le résumé de la semaine : { $count ->
    [one] un nouveau message
   *[other] { $count } nouveaux messages
}
email-list-digest-intro = Voici ce qui s'est dit dans le groupe { $group } ({ $count ->
    [one] un message
   *[other] { $count } messages
}).
email-list-new-topic = nouveau sujet
email-list-digest-reply-hint = Pour répondre à un sujet, ouvrez-le sur le site : une réponse à ce résumé ne peut pas être publiée.
email-mention-subject = { $name } vous a mentionné dans « { $title } »
email-mention-intro = { $name } vous a mentionné dans la discussion « { $title } ».
email-mention-button = Voir le message
email-mention-outro = Vous recevez ce message parce que quelqu'un a écrit votre nom avec @.
list-page-title = Vos e-mails du groupe { $group }
list-page-for = Choix de { $name } :
list-not-member = Vous n'êtes plus membre de ce groupe : vous ne recevez pas ses e-mails.
list-unsubscribe-title = Ne plus recevoir les e-mails du groupe
list-unsubscribe-ask = Vous ne recevrez plus aucun e-mail du groupe { $group }. Vous restez membre et pouvez tout lire sur le site.
list-unsubscribe-button = Ne plus rien recevoir
list-unsubscribed = C'est fait : vous ne recevez plus les e-mails du groupe { $group }.
list-change-mind = Changer d'avis
discussions-untitled = Sans titre
flash-held-approved = Le message est publié ; son auteur est invité à rejoindre le groupe.
flash-held-refused = Le message est refusé.
list-join-title = Rejoindre le groupe { $group }
list-join-ask = Vous allez rejoindre le groupe avec votre compte { $email } et recevoir chaque message par e-mail.
list-join-button = Rejoindre le groupe
list-joined = Bienvenue dans le groupe { $group } ! Vous recevrez ses messages par e-mail.
list-join-on-request = Ce groupe accueille ses membres sur demande : faites votre demande depuis sa page.
list-join-new-account = Aucun compte n'utilise encore l'adresse { $email }. Donnez votre nom : nous créons votre compte avec cette adresse et vous recevrez chaque message du groupe par e-mail. Vous pourrez vous connecter au site plus tard par un lien envoyé par e-mail.
list-join-name = Votre nom, tel que les autres membres le verront
email-list-subscribe-subject = Confirmez pour rejoindre { $group }
email-list-subscribe-intro = Vous avez demandé à recevoir les messages du groupe { $group }. Confirmez en suivant ce lien.
email-list-subscribe-button = Confirmer
email-list-subscribe-outro = Si vous n'avez rien demandé, ignorez ce message : rien ne changera.
email-list-unsubscribe-subject = Confirmez pour ne plus recevoir { $group }
email-list-unsubscribe-intro = Vous avez demandé à ne plus recevoir les messages du groupe { $group }. Confirmez en suivant ce lien.
email-list-unsubscribe-button = Ne plus recevoir les messages
email-list-unsubscribe-outro = Si vous n'avez rien demandé, ignorez ce message : rien ne changera.
email-list-digest-reply-subject = Votre réponse au résumé de { $group } n'est pas publiée
email-list-digest-reply-intro = Vous avez répondu à un résumé : nous ne savons pas à quel sujet votre message répond, il n'a donc pas été publié. Ouvrez le sujet sur le site pour répondre, ou écrivez un nouveau message à { $email }.
email-list-digest-reply-button = Voir les discussions
email-list-digest-reply-outro = Votre texte n'est pas perdu : il est dans vos messages envoyés.
email-list-held-subject = Votre message à { $group } attend un modérateur
email-list-held-intro = Vous n'êtes pas membre du groupe { $group } : votre message sera publié si un modérateur l'accepte.{ $more }
email-list-held-button = Découvrir le groupe
email-list-held-outro = Pour écrire directement au groupe, rejoignez-le depuis sa page.
email-list-refused-subject = Votre message à { $group } n'est pas publié
email-list-refused-intro = Seuls les membres du groupe { $group } peuvent lui écrire. Votre message n'a pas été publié.
email-list-refused-button = Découvrir le groupe et le rejoindre
email-list-refused-outro = Votre texte n'est pas perdu : il est dans vos messages envoyés.
email-list-closed-subject = « { $title } » est fermé
email-list-closed-intro = Le sujet « { $title } » du groupe { $group } est fermé : votre réponse n'a pas été publiée.
email-list-closed-button = Voir le sujet
email-list-closed-outro = Pour en parler encore, écrivez un nouveau message à { $email }.
email-list-empty-subject = Votre message à { $group } est arrivé vide
email-list-empty-intro = Votre message au groupe { $group } nous est arrivé sans texte et sans fichier : il n'y avait rien à publier.
email-list-empty-button = Voir les discussions
email-list-empty-outro = Si vous aviez écrit quelque chose, votre messagerie ne l'a peut-être pas envoyé : ouvrez le message dans vos messages envoyés, vérifiez qu'il contient bien votre texte, puis renvoyez-le.
email-list-invite-subject = Votre message est publié dans { $group }
email-list-invite-intro = Un modérateur a publié votre message dans le groupe { $group }. Rejoignez le groupe pour lui écrire directement la prochaine fois.
email-list-invite-button = Rejoindre le groupe
email-list-invite-outro = Vous pouvez aussi simplement lire ses discussions sur le site.
email-list-from = { $name } via { $group }
email-topic-reply-subject = { $name } a répondu à « { $title } »
email-topic-reply-intro = { $name } a répondu à votre sujet « { $title } ».
email-topic-reply-button = Lire la réponse
email-topic-reply-outro = Vous recevez ce message parce que vous avez lancé ce sujet. Vos réglages de compte disent quand nous vous écrivons.
email-notification-digest-subject = Ce qui vous attend sur { $instance }
email-notification-digest-intro = { $count ->
    [one] Une nouvelle qui vous concerne :
   *[other] { $count } nouvelles qui vous concernent :
}
email-notification-digest-button = Voir mes notifications
email-notification-digest-outro = Vous recevez ce résumé parce que vous avez choisi de recevoir vos nouvelles en un seul e-mail. Vous pouvez changer ce choix dans votre compte.

# Mail in: what becomes of a message once read (issue 17)
email-list-too-long-subject = Votre message à { $group } est trop long pour être publié
email-list-too-long-intro = Votre message au groupe { $group } fait { $size }, et un message peut faire au plus { $limit } : il n'a pas été publié.
email-list-too-long-button = Voir les discussions
email-list-too-long-outro = Pour partager un long texte (un compte rendu, par exemple), joignez-le comme fichier (.odt, .docx, .pdf ou .txt, { $file_limit } au plus) à un message court, et renvoyez-le. Votre texte n'est pas perdu : il est dans vos messages envoyés.
email-list-files-refused-subject = Votre message à { $group } n'est pas publié : fichier non joint
email-list-files-refused-intro = Votre message au groupe { $group } ne contenait que des fichiers, et aucun n'a pu être joint. { $files }
email-list-files-refused-button = Voir les discussions
email-list-files-refused-outro = Le groupe accepte les images, les PDF, les documents (.odt, .docx, .xlsx…) et les textes (.txt, .csv), { $file_limit } au plus par fichier. Enregistrez votre fichier dans l'un de ces formats, puis renvoyez-le.
email-list-left-out-subject = Votre message à { $group } est publié : fichier non joint
email-list-left-out-intro = Votre message est publié dans le groupe { $group }.{ $more }
email-list-left-out-button = Voir mon message
email-list-left-out-outro = Le groupe accepte les images, les PDF, les documents (.odt, .docx, .xlsx…) et les textes (.txt, .csv) jusqu'à { $file_limit }. Pour partager un autre fichier, enregistrez-le dans l'un de ces formats, puis envoyez-le en réponse.
email-list-whole-subject = Votre message à { $group } est publié en entier
email-list-whole-intro = Votre message est publié dans le groupe { $group }.{ $more }
email-list-whole-button = Relire mon message
email-list-whole-outro = Si quelque chose ne va pas, vous pouvez corriger votre message sur le site.
email-list-whole-remark = Nous n'avons pas su distinguer votre texte de la citation : pour que rien ne se perde, tout le message est publié, la citation repliée.
email-list-post-held-subject = Votre message à { $group } attend un modérateur
email-list-post-held-intro = Dans le groupe { $group }, un modérateur relit les premiers messages des nouveaux membres avant de les publier : le vôtre est bien arrivé et attend son accord.{ $more }
email-list-post-held-button = Voir les discussions
email-list-post-held-outro = Vous n'avez rien d'autre à faire.
email-list-not-posted-subject = Votre message à { $group } n'est pas publié
email-list-not-posted-intro = Votre message au groupe { $group } n'a pas été publié : { $reason }
email-list-not-posted-button = Voir les discussions
email-list-not-posted-outro = Votre texte n'est pas perdu : il est dans vos messages envoyés.
email-file-left-out-too-large = Le fichier « { $name } » n'a pas été joint : il est trop lourd ({ $limit } au plus par fichier).
email-file-left-out-type = Le fichier « { $name } » n'a pas été joint : ce type de fichier n'est pas accepté.
email-file-left-out-held = Le fichier « { $name } » n'a pas été gardé : un message en attente d'un modérateur ne garde que son texte ; vous pourrez le renvoyer une fois membre.
email-size-kb = { $n } Ko
email-size-mb = { $n } Mo
email-list-files = Fichiers joints au message :
email-list-image-attached = image jointe à cet e-mail
email-list-file-intro = { $name } a joint un fichier à son message dans le groupe { $group } :
discussions-mail-file-too-large = { $name } — fichier non joint : trop lourd
discussions-mail-file-type = { $name } — fichier non joint : type refusé
discussions-mail-file-held = { $name } — fichier non joint : message venu de l'extérieur du groupe
discussions-mail-only-quote = (Ce message ne contient que la citation d'un message précédent : ouvrez la partie coupée pour la lire.)
discussions-mail-file-only = Un fichier joint, sans texte.
discussions-mail-files-only = Des fichiers joints, sans texte.

admin-failed-jobs = Tâches en échec
admin-failed-jobs-lead = Ces tâches de fond n’ont pas pu se faire, même après plusieurs essais. La raison est écrite à côté de chacune ; transmettez-la à la personne qui s’occupe de l’installation.

## Ressources (issue 12)
resources-title = Ressources
resources-of = Les ressources de { $name }
resources-lead = Ce que le groupe a produit et partage avec tout le monde : des guides, des modèles, des outils, des formations. Prenez, servez-vous, partagez.
resources-list = Les ressources du groupe
resources-none = Le groupe n'a encore partagé aucune ressource. Ajoutez la première : un lien, un fichier ou une page du groupe.
resources-all = Toutes les ressources du groupe
resources-catalogue-link = Voir dans le catalogue
resource-new = Ajouter une ressource
resource-add = Ajouter la ressource
resource-edit = Modifier la ressource
resource-save = Enregistrer
resource-remove = Retirer la ressource
resource-by = Ajoutée par { $author }, le { $date }
resource-license = Licence : { $license }
resource-license-group = La licence du groupe
resource-open-link = Ouvrir le lien
resource-open-file = Télécharger { $name }
resource-open-page = Lire la page
resource-file-kept = Le fichier { $name } reste le même. Pour en envoyer un autre, ajoutez une nouvelle ressource.
resource-visibility-public = Tout le monde
resource-visibility-members = Membres seulement
resource-type-guide = Guide ou fiche pratique
resource-type-template = Modèle
resource-type-tool = Outil ou logiciel
resource-type-training = Formation
resource-type-video = Vidéo
resource-type-other = Autre
resource-kind-link = Un lien
resource-kind-file = Un fichier
resource-kind-page = Une page du groupe
resources-license-title = La licence des ressources du groupe
resources-license-hint = Chaque ressource porte cette licence, sauf si elle en choisit une autre.
resources-license-save = Enregistrer la licence
resources-catalogue-title = Catalogue des ressources
resources-catalogue-lead = Les guides, modèles, outils et formations que les groupes partagent avec tout le monde.
resources-catalogue-none = Aucune ressource ne correspond. Essayez un autre mot-clé ou un autre type.
resources-catalogue-feed = Suivre les nouvelles ressources (flux Atom)
resources-all-types = Tous les types
field-resource-title = Titre
field-resource-description = Description
field-resource-description-hint = À quoi sert-elle, pour qui ? La mise en forme du wiki est acceptée.
field-resource-type = Type
field-resource-kind = Ce que vous partagez
field-resource-url = Adresse du lien
field-resource-url-hint = Commence par https:// ou http://
field-resource-page = Page du groupe
field-resource-page-hint = L'adresse de la page, par exemple /g/mon-groupe/wiki/guide. Une page réservée aux membres donne une ressource réservée aux membres.
field-resource-file = Fichier
field-resource-file-hint = Une image, un PDF, un document ou un texte, { $limit } au plus.
field-resource-keywords = Mots-clés
field-resource-keywords-hint = Séparés par des virgules, par exemple : compost, jardin
field-resource-license = Licence
field-resource-visibility = Qui peut la voir
field-resource-visibility-hint = Par défaut, tout le monde, même sans compte.
field-resource-keyword-filter = Mot-clé
field-resource-group-filter = Groupe (adresse courte)
error-resource-title-empty = Donnez un titre à la ressource.
error-resource-title-too-long = Le titre ne doit pas dépasser 200 caractères.
error-resource-description-too-long = La description ne doit pas dépasser 5 000 caractères.
error-resource-text-invalid = Ce texte contient des caractères invisibles qui ne sont pas acceptés.
error-resource-url-empty = Indiquez l'adresse du lien.
error-resource-url-invalid = Cette adresse n'est pas un lien web : elle doit commencer par https:// ou http://.
error-resource-page-empty = Indiquez l'adresse de la page du groupe.
error-resource-page-unknown = Cette page n'existe pas dans le groupe (ou vous ne pouvez pas la lire).
error-resource-file-by-page = Les fichiers s'envoient depuis la page des ressources du groupe.
flash-resources-license-saved = La licence des ressources est enregistrée.
flash-resource-removed = La ressource est retirée.
search-kind-resource = Ressource
# The usages board (essaim_domain::usages)
activity-usage_proposed = { $who } a proposé l'usage
activity-sprint_planned = { $who } a ouvert
activity-sprint_reviewed = { $who } a fait le bilan de
usages-title = Usages
usages-of = Les usages de { $name }
usages-lead = Pour choisir ou changer nos outils ensemble : chacun dit ce dont il a besoin, le groupe estime ce que ça coûte et ce que ça apporte, puis choisit quoi faire ce mois-ci.
usages-off = Le tableau des usages n'est pas activé
usages-off-what = Ce tableau sert à rassembler les besoins du groupe (« En tant que …, je souhaite … afin que … »), à les classer selon ce qu'ils apportent pour ce qu'ils coûtent, et à en choisir quelques-uns pour un mois de travail.
usages-off-how = Vous animez ce groupe : vous pouvez l'activer ici. Vous pourrez le désactiver plus tard, rien ne sera perdu.
usages-switch-on = Activer le tableau des usages
usages-switch-off = Désactiver le tableau
usages-switch-off-hint = Désactivé, le tableau n'est plus visible que des animateurs ; les usages sont gardés.
usages-settings = Réglages du tableau
usages-new = Proposer un usage
usages-add = Proposer cet usage
usages-as = En tant que
usages-want = je souhaite
usages-so-that = afin que
field-usage-as = En tant que…
field-usage-as-hint = Qui a ce besoin ? Par exemple : trésorière d'une association membre.
field-usage-want = Je souhaite…
field-usage-so_that = Afin que…
field-usage-cost = Ce que ça coûte (temps, argent, effort)
field-usage-impact = Ce que ça apporte
field-usage-status = Où en est cet usage
usages-cost-1 = 1 — peu
usages-cost-2 = 2 — moyen
usages-cost-3 = 3 — beaucoup
usages-impact-1 = 1 — un peu
usages-impact-2 = 2 — bien
usages-impact-3 = 3 — beaucoup
usages-impact-n = Apport { $n }
usages-cost-n = coût { $n }
usages-to-estimate = À estimer
usages-ranked = Les usages, du plus utile pour son coût au moins utile
usages-ranked-hint = Classés selon ce qu'ils apportent pour ce qu'ils coûtent, puis selon le nombre de soutiens, puis du plus ancien au plus récent.
usages-none = Aucun usage estimé pour l'instant. Proposez le premier, ou demandez aux animateurs d'estimer ceux qui attendent.
usages-supporters = { $count ->
    [0] Aucun soutien
    [one] 1 soutien
   *[other] { $count } soutiens
}
usages-support = Soutenir
usages-unsupport = Retirer mon soutien
usages-open = Voir l'usage
usages-usage = Un usage
usages-proposed-by = Proposé par { $name }
usages-status-proposed = Proposé
usages-status-planned = Prévu ce mois-ci
usages-status-done = Fait
usages-status-not_done = Pas fait
usages-status-set_aside = Mis de côté
usages-estimate-title = Estimer cet usage
usages-estimate-save = Enregistrer
usages-back = Revenir au tableau des usages
usages-closed = Usages faits ou mis de côté
usages-sprints = Les mois de travail
usages-no-sprint = Aucun mois de travail prévu pour l'instant.
usages-sprint = Mois de travail
usages-sprint-title = Mois de travail du { $date }
usages-sprint-dates = Du { $from } au { $to }
usages-sprint-new = Prévoir un mois de travail
usages-sprint-pick = Les usages à faire pendant ce mois
usages-sprint-open = Prévoir ce mois de travail
usages-sprint-plan = Enregistrer le choix
usages-sprint-planned = Les usages prévus
usages-sprint-empty = Aucun usage n'est prévu pour ce mois.
field-sprint-start = Premier jour
field-sprint-end = Jour du bilan
field-sprint-end-hint = Laissez vide : un mois après le premier jour.
usages-review = Faire le bilan
usages-review-hint = Pour chaque usage, dites s'il est fait, puis ce que le groupe a appris. Le bilan est gardé dans une page partagée du groupe.
usages-outcome-done = Fait
usages-outcome-not_done = Pas fait
usages-learned = Ce que nous avons appris
usages-review-save = Enregistrer le bilan
usages-reviewed = Le bilan est fait.
usages-review-page = Lire le bilan
usages-review-page-title = Bilan des usages du { $date }
usages-review-intro = Mois de travail du { $from } au { $to }.
usages-review-nothing = Rien.
usages-review-summary = Bilan du mois de travail
error-usage-as-empty = Dites pour qui est cet usage (« En tant que… »).
error-usage-as-too-long = « En tant que… » est trop long (200 caractères au plus).
error-usage-want-empty = Dites ce que vous souhaitez (« Je souhaite… »).
error-usage-so-that-empty = Dites pourquoi (« Afin que… ») : c'est ce qui aide le groupe à choisir.
error-usage-text-too-long = Ce texte est trop long (1 000 caractères au plus).
error-usage-estimate = Choisissez 1, 2 ou 3, ou laissez « À estimer ».
error-sprint-date = Donnez une date (jour, mois, année).
error-sprint-end = Le jour du bilan doit venir après le premier jour, trois mois plus tard au plus.
error-sprint-outcome-missing = Dites pour chaque usage s'il est fait ou pas.
error-sprint-learned-too-long = Ce que vous avez appris est trop long (20 000 caractères au plus).
error-sprint-reviewed = Le bilan de ce mois est déjà fait : ses usages ne changent plus.
error-sprint-review-conflict = Quelqu'un a modifié la page du bilan en même temps : rechargez la page et recommencez.
# newsletters and the contributors page
newsletter-title = Lettre d’information
newsletter-of = La lettre de { $name }
newsletter-subscribe-link = Recevoir les nouvelles sans compte
newsletter-draft-title = La prochaine lettre
newsletter-no-draft = Aucune lettre en préparation. Préparez-en une : elle est écrite pour vous à partir de ce qui s’est passé depuis la dernière.
newsletter-prepare = Préparer la lettre
newsletter-regenerate = Refaire la lettre avec les dernières nouvelles
newsletter-progress = Envoyée à { $n } personnes sur { $count }
field-newsletter-schedule = Une lettre préparée
newsletter-schedule-save = Enregistrer
newsletter-archive = Les lettres envoyées
newsletter-archive-none = Aucune lettre envoyée pour l’instant. Chaque lettre envoyée se retrouve ici.
newsletter-empty = Rien à raconter pour l’instant : cette lettre ne peut pas être envoyée.
newsletter-draft-hint = Relisez chaque partie : vous pouvez changer les mots, enlever une partie ou la déplacer. Chaque partie dit qui la reçoit.
newsletter-item-removed = enlevée
field-newsletter-text = Vos mots pour cette partie
field-newsletter-text-hint = Laissez vide pour garder le texte proposé.
newsletter-item-save = Garder ces mots
newsletter-item-up = Monter
newsletter-item-down = Descendre
newsletter-item-remove = Enlever
newsletter-item-restore = Remettre
newsletter-send = Envoyer la lettre
newsletter-preview-members = Ce que reçoivent les membres
newsletter-preview-public = Ce que reçoivent les abonnés sans compte (et ce que montrent les archives)
contributors-link = Qui a contribué
contributors-title = Contributions
contributors-of = Qui fait vivre { $name }
contributors-hint = Merci à toutes celles et ceux qui écrivent, prennent des notes et répondent.
contributors-month = Ce mois-ci
contributors-year = Cette année
contributors-none = Personne pour l’instant. Écrire une page du wiki ou prendre les notes d’une rencontre, c’est déjà contribuer.
error-newsletter-empty = Cette lettre n’a rien à raconter : elle n’est pas envoyée.
error-newsletter-text-too-long = Ce texte est trop long (5 000 caractères au plus).
email-newsletter-subject = { $group } : la lettre du { $date }
email-newsletter-intro = Les nouvelles de { $group } depuis la dernière lettre.
email-newsletter-archive = Lire la lettre sur le site
email-newsletter-status-draft = En préparation
email-newsletter-status-sending = En cours d’envoi
email-newsletter-status-sent = Envoyée
email-newsletter-schedule-monthly = Chaque mois
email-newsletter-schedule-fortnightly = Toutes les deux semaines
email-newsletter-schedule-never = Seulement quand je la prépare
email-newsletter-reach-everyone = pour tout le monde
email-newsletter-reach-members = pour les membres seulement
email-newsletter-reach-public_only = pour les abonnés sans compte et les archives seulement
email-newsletter-kind-new_page = Nouvelle page du wiki
email-newsletter-kind-edited_page = Page bien retravaillée
email-newsletter-kind-resource = Nouvelle ressource
email-newsletter-kind-project_news = Des nouvelles d’un projet
email-newsletter-kind-project_help = Un projet cherche de l’aide
email-newsletter-kind-meeting = Prochaine rencontre
email-newsletter-kind-poll = Sondage de dates ouvert
email-newsletter-kind-minutes = Notes de rencontre écrites
email-newsletter-kind-welcome = Bienvenue
email-newsletter-kind-thanks = Merci
email-newsletter-kind-referent = Besoin d’aide pour contribuer ?
email-newsletter-meeting = { $title }, le { $when }
email-newsletter-poll = { $title } : répondez avant le { $deadline }
email-newsletter-welcome = Bienvenue à { $name } !
email-newsletter-thanks = Merci à celles et ceux qui ont contribué :
email-newsletter-referent = { $name } est la personne référente du groupe : écrivez-lui depuis la liste des membres, elle vous aide à contribuer.
email-newsletter-no-referent = Le groupe n’a pas encore de personne référente pour aider à contribuer. Vous voulez l’être ? Dites-le aux animateurs.
email-newsletter-did-wiki = { $count ->
    [one] a écrit une page du wiki
   *[other] a écrit { $count } pages du wiki
}
email-newsletter-did-resources = { $count ->
    [one] a ajouté une ressource
   *[other] a ajouté { $count } ressources
}
email-newsletter-did-minutes = { $count ->
    [one] a pris les notes d’une rencontre
   *[other] a pris les notes de { $count } rencontres
}
email-newsletter-did-project_news = { $count ->
    [one] a donné une nouvelle d’un projet
   *[other] a donné { $count } nouvelles de projets
}
email-newsletter-did-liked_answers = { $count ->
    [one] a écrit une réponse appréciée
   *[other] a écrit { $count } réponses appréciées
}
email-newsletter-draft-subject = { $group } : une lettre vous attend
email-newsletter-draft-intro = La lettre de { $group } est prête à être relue. Changez ce que vous voulez, puis envoyez-la.
email-newsletter-draft-button = Relire la lettre
email-newsletter-draft-outro = Rien n’est envoyé sans vous.
newsletter-ecosystem-of = La lettre de l’écosystème « { $keyword } »
newsletter-ecosystem-hint = Ce qui s’est passé en public dans les groupes de cet écosystème, préparé par l’administration du site.
email-newsletter-ecosystem-subject = { $keyword } : la lettre du { $date }

## Group health (essaim_domain::health)
health-title = La santé du groupe
health-lead = Les cinq activités qui font vivre le groupe. Quand l'une s'arrête sans que personne ne l'ait décidé, elle passe à l'orange puis au rouge, et les personnes qui animent le groupe sont prévenues à temps.
health-indicator-follow_up = Suivi des projets
health-indicator-meetings = Rencontres
health-indicator-information = Information
health-indicator-discussion = Discussions
health-indicator-shared_space = Espace partagé
health-level-green = Ça va
health-level-amber = À surveiller
health-level-red = À relancer
health-level-unknown = Inconnu
health-not-relevant = Pas pertinent pour nous
health-not-relevant-because = Pas pertinent pour nous : { $summary }
health-not-relevant-reason = Pourquoi ce n'est pas pertinent pour vous
health-mark-not-relevant = Pas pertinent pour nous
health-count-again = Le suivre à nouveau
health-paused = Les alertes sont en pause jusqu'au { $date }.
health-settings = Réglages
health-save = Enregistrer les réglages
flash-health-saved = C'est enregistré.
field-health-follow-up-days = Suivi des projets : jours sans revue ni nouvelles avant l'alerte
field-health-meetings-days = Rencontres : jours sans rencontre (ni prévue, ni sondage ouvert) avant l'alerte
field-health-information-days = Information : jours sans nouvelles ni lettre avant l'alerte
field-health-discussion-min = Discussions : au moins combien de messages par semaine
field-health-discussion-max = Discussions : au plus combien de messages par semaine
field-health-shared-space-days = Espace partagé : jours sans mise à jour du wiki ou des ressources avant l'alerte
field-health-pause-until = Mettre les alertes en pause jusqu'au
field-health-pause-until-hint = Par exemple pendant l'été. Laissez vide pour ne pas faire de pause.
field-health-pause-reason = Pourquoi (facultatif)
field-health-public = Les membres du groupe peuvent voir cette page
error-health-days = Donnez un nombre de jours entre 1 et 366.
error-health-weekly = Donnez un nombre de messages par semaine entre 0 et 10 000.
error-health-min-above-max = Le minimum de messages par semaine est plus grand que le maximum.
error-health-pause-date = Donnez la date de fin de la pause sous la forme jour/mois/année.
error-health-pause-order = La pause finit avant de commencer.
error-health-pause-past = Cette date est déjà passée.
error-health-pause-long = Une pause dure au plus un an.
error-health-reason-long = La raison est trop longue (300 caractères au plus).
error-health-reason-missing = Dites en quelques mots pourquoi ce n'est pas pertinent pour vous.
health-follow-up-no-projects = Le groupe n'a pas de projet en cours à suivre.
health-follow-up-green = { $count ->
    [0] Le suivi des projets a été fait aujourd'hui.
    [one] Dernier suivi des projets il y a { $count } jour.
   *[other] Dernier suivi des projets il y a { $count } jours.
}
health-follow-up-none-yet = Pas encore de suivi des projets : le groupe vient de commencer.
health-follow-up-never = { $count ->
    [one] Personne n'a encore fait le suivi des projets, depuis { $count } jour.
   *[other] Personne n'a encore fait le suivi des projets, depuis { $count } jours.
}
health-follow-up-late = { $count ->
    [one] Aucun suivi des projets ni nouvelles depuis { $count } jour.
   *[other] Aucun suivi des projets ni nouvelles depuis { $count } jours.
}
health-meetings-planned = { $count ->
    [0] Une rencontre a lieu aujourd'hui.
    [one] La prochaine rencontre est dans { $count } jour.
   *[other] La prochaine rencontre est dans { $count } jours.
}
health-meetings-poll = Un sondage de dates est ouvert pour la prochaine rencontre.
health-meetings-green-none-yet = Le groupe est jeune : pas encore de rencontre.
health-meetings-green = { $count ->
    [0] Une rencontre a eu lieu aujourd'hui.
    [one] Dernière rencontre il y a { $count } jour.
   *[other] Dernière rencontre il y a { $count } jours.
}
health-meetings-no-next-date = { $count ->
    [one] Le groupe se réunit d'habitude régulièrement, mais la prochaine date n'est pas fixée (dernière rencontre il y a { $count } jour).
   *[other] Le groupe se réunit d'habitude régulièrement, mais la prochaine date n'est pas fixée (dernière rencontre il y a { $count } jours).
}
health-meetings-never = { $count ->
    [one] Aucune rencontre depuis la création du groupe, il y a { $count } jour, et aucune n'est prévue.
   *[other] Aucune rencontre depuis la création du groupe, il y a { $count } jours, et aucune n'est prévue.
}
health-meetings-none-planned = { $count ->
    [one] Aucune rencontre depuis { $count } jour, et aucune n'est prévue.
   *[other] Aucune rencontre depuis { $count } jours, et aucune n'est prévue.
}
health-information-green = { $count ->
    [0] Des nouvelles sont parties aujourd'hui.
    [one] Dernières nouvelles il y a { $count } jour.
   *[other] Dernières nouvelles il y a { $count } jours.
}
health-information-none-yet = Pas encore de nouvelles : le groupe vient de commencer.
health-information-never = Le groupe n'a encore envoyé ni nouvelles ni lettre.
health-information-late = { $count ->
    [one] Ni nouvelles ni lettre depuis { $count } jour.
   *[other] Ni nouvelles ni lettre depuis { $count } jours.
}
health-discussion-green = { $count ->
    [one] Environ { $count } message par semaine ces quatre dernières semaines.
   *[other] Environ { $count } messages par semaine ces quatre dernières semaines.
}
health-discussion-quiet = { $count ->
    [0] Les discussions sont silencieuses depuis quatre semaines.
    [one] Les discussions sont trop calmes : environ { $count } message par semaine.
   *[other] Les discussions sont trop calmes : environ { $count } messages par semaine.
}
health-discussion-noisy = { $count ->
    [one] Les discussions sont trop chargées : environ { $count } message par semaine.
   *[other] Les discussions sont trop chargées : environ { $count } messages par semaine.
}
health-discussion-noisy-leaving = Après une avalanche de messages, des personnes quittent le groupe ou passent au résumé.
health-discussion-quieter = { $count ->
    [0] Aucun message la semaine dernière : les discussions ralentissent.
    [one] Les discussions ralentissent : { $count } message la semaine dernière.
   *[other] Les discussions ralentissent : { $count } messages la semaine dernière.
}
health-discussion-louder = { $count ->
    [one] Les discussions s'emballent : { $count } message la semaine dernière.
   *[other] Les discussions s'emballent : { $count } messages la semaine dernière.
}
health-shared-space-green = { $count ->
    [0] Le wiki ou les ressources ont été mis à jour aujourd'hui.
    [one] Dernière mise à jour du wiki ou des ressources il y a { $count } jour.
   *[other] Dernière mise à jour du wiki ou des ressources il y a { $count } jours.
}
health-shared-space-none-yet = Le wiki et les ressources attendent leurs premières pages.
health-shared-space-never = Le wiki et les ressources n'ont encore jamais été mis à jour.
health-shared-space-late = { $count ->
    [one] Ni le wiki ni les ressources n'ont bougé depuis { $count } jour.
   *[other] Ni le wiki ni les ressources n'ont bougé depuis { $count } jours.
}
health-action-follow-up = Faire le suivi des projets
health-action-poll-series = Proposer la date de la prochaine rencontre
health-action-poll = Proposer des dates de rencontre
health-action-news = Écrire des nouvelles
health-action-discussion = Ouvrir une discussion
health-action-wiki = Mettre à jour le wiki
