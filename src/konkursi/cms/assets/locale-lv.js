// Latvian interface of Decap CMS 3.16.3 (the phrases of decap-cms-locales/src/en/index.js), for CMS.registerLocale.
// Load after decap-cms.js; select it with `locale: lv` in config.yml.
// Polyglot (the CMS's i18n) has no Latvian plural rule, so phrases with %{smart_count}
// are written in one form that is correct for every number (no "||||" alternatives).
// Terminology: entry = ieraksts, collection = sadaļa, media = faili, workflow = darba plūsma.
(function () {
  var lv = {
    auth: {
      login: 'Pieteikties',
      loggingIn: 'Notiek pieteikšanās…',
      loginWithNetlifyIdentity: 'Pieteikties ar Netlify Identity',
      loginWithAzure: 'Pieteikties ar Azure kontu',
      loginWithBitbucket: 'Pieteikties ar Bitbucket kontu',
      loginWithGitHub: 'Pieteikties ar GitHub kontu',
      loginWithGitLab: 'Pieteikties ar GitLab kontu',
      loginWithGitea: 'Pieteikties ar Gitea kontu',
      loginWithForgejo: 'Pieteikties ar Forgejo kontu',
      errors: {
        email: 'Lūdzu, ievadiet savu e-pasta adresi.',
        password: 'Lūdzu, ievadiet savu paroli.',
        identitySettings:
          'Nevar piekļūt identitātes pakalpojuma iestatījumiem. Ja izmantojat git-gateway savienojumu, pārliecinieties, ka ir ieslēgti pakalpojumi Identity un Git Gateway.',
      },
    },
    app: {
      header: {
        content: 'Saturs',
        workflow: 'Darba plūsma',
        media: 'Faili',
        quickAdd: 'Izveidot jaunu',
      },
      app: {
        errorHeader: 'Kļūda, ielādējot satura pārvaldības sistēmas konfigurāciju',
        configErrors: 'Konfigurācijas kļūdas',
        checkConfigYml: 'Pārbaudiet failu config.yml.',
        loadingConfig: 'Notiek konfigurācijas ielāde…',
        waitingBackend: 'Gaida servera atbildi…',
      },
      notFoundPage: {
        header: 'Lapa nav atrasta',
      },
    },
    collection: {
      sidebar: {
        collections: 'Sadaļas',
        allCollections: 'Visas sadaļas',
        searchAll: 'Meklēt visur',
        searchIn: 'Meklēt sadaļā',
      },
      collectionTop: {
        sortBy: 'Kārtot pēc',
        viewAs: 'Skats',
        viewAsList: 'Saraksta skats',
        viewAsGrid: 'Režģa skats',
        newButton: '+ %{collectionLabel}',
        newButtonAriaLabel: 'Izveidot jaunu ierakstu: %{collectionLabel}',
        ascending: 'Augošā secībā',
        descending: 'Dilstošā secībā',
        searchResults: 'Meklēšanas rezultāti: „%{searchTerm}”',
        searchResultsInCollection: 'Meklēšanas rezultāti: „%{searchTerm}” sadaļā „%{collection}”',
        filterBy: 'Filtrēt pēc',
        groupBy: 'Grupēt pēc',
      },
      entries: {
        loadingEntries: 'Notiek ierakstu ielāde…',
        cachingEntries: 'Notiek ierakstu saglabāšana kešatmiņā…',
        longerLoading: 'Tas var aizņemt vairākas minūtes',
        noEntries: 'Ierakstu nav',
        unpublishedHeader: 'Nepublicētie ieraksti',
      },
      groups: {
        other: 'Citi',
        negateLabel: 'Ne %{label}',
      },
      defaultFields: {
        author: {
          label: 'Autors',
        },
        updatedOn: {
          label: 'Atjaunināts',
        },
      },
    },
    editor: {
      editorControl: {
        field: {
          optional: 'neobligāti',
          widgetLabel: 'Ievades lauks',
        },
      },
      editorControlPane: {
        widget: {
          required: 'Lauks „%{fieldLabel}” ir obligāts.',
          regexPattern: 'Lauka „%{fieldLabel}” vērtība neatbilst prasībām: %{pattern}',
          processing: 'Lauks „%{fieldLabel}” vēl tiek apstrādāts.',
          range: 'Lauka „%{fieldLabel}” vērtībai jābūt no %{minValue} līdz %{maxValue}.',
          min: 'Lauka „%{fieldLabel}” vērtībai jābūt vismaz %{minValue}.',
          max: 'Lauka „%{fieldLabel}” vērtībai jābūt ne lielākai par %{maxValue}.',
          rangeCount: 'Elementu skaitam laukā „%{fieldLabel}” jābūt no %{minCount} līdz %{maxCount}.',
          rangeCountExact: 'Elementu skaitam laukā „%{fieldLabel}” jābūt tieši %{count}.',
          rangeMin: 'Elementu skaitam laukā „%{fieldLabel}” jābūt vismaz %{minCount}.',
          rangeMax: 'Elementu skaitam laukā „%{fieldLabel}” jābūt ne lielākam par %{maxCount}.',
          invalidPath: '„%{path}” nav derīgs ceļš',
          pathExists: 'Ceļš „%{path}” jau pastāv',
        },
        i18n: {
          writingInLocale: 'Rakstāt valodā: %{locale}',
          copyFromLocale: 'Aizpildīt no citas valodas',
          copyFromLocaleConfirm:
            'Vai vēlaties aizpildīt datus no valodas „%{locale}”?\nViss esošais saturs tiks pārrakstīts.',
        },
      },
      editor: {
        onLeavePage: 'Vai tiešām vēlaties pamest šo lapu?',
        onUpdatingWithUnsavedChanges:
          'Jums ir nesaglabātas izmaiņas. Lūdzu, saglabājiet tās pirms statusa maiņas.',
        onPublishingNotReady:
          'Pirms publicēšanas, lūdzu, nomainiet statusu uz „Gatavs publicēšanai”.',
        onPublishingWithUnsavedChanges:
          'Jums ir nesaglabātas izmaiņas. Lūdzu, saglabājiet tās pirms publicēšanas.',
        onPublishing: 'Vai tiešām vēlaties publicēt šo ierakstu?',
        onUnpublishing: 'Vai tiešām vēlaties atcelt šī ieraksta publicēšanu?',
        onDeleteWithUnsavedChanges:
          'Vai tiešām vēlaties dzēst šo publicēto ierakstu, kā arī šīs sesijas nesaglabātās izmaiņas?',
        onDeletePublishedEntry: 'Vai tiešām vēlaties dzēst šo publicēto ierakstu?',
        onDeleteUnpublishedChangesWithUnsavedChanges:
          'Tiks dzēstas visas šī ieraksta nepublicētās izmaiņas, kā arī šīs sesijas nesaglabātās izmaiņas. Vai tiešām vēlaties dzēst?',
        onDeleteUnpublishedChanges:
          'Visas šī ieraksta nepublicētās izmaiņas tiks dzēstas. Vai tiešām vēlaties dzēst?',
        loadingEntry: 'Notiek ieraksta ielāde…',
        confirmLoadBackup:
          'Šim ierakstam ir atrasta pārlūkā saglabāta rezerves kopija. Vai vēlaties to izmantot?',
      },
      editorInterface: {
        toggleI18n: 'Rādīt vai slēpt citas valodas',
        togglePreview: 'Rādīt vai slēpt priekšskatījumu',
        toggleScrollSync: 'Sinhronizēt ritināšanu',
        toggleNotes: 'Rādīt vai slēpt piezīmes',
      },
      editorNotesPane: {
        title: 'Piezīmes',
        emptyState: 'Piezīmju vēl nav. Pievienojiet pirmo piezīmi zemāk, lai sāktu sadarbību.',
        addNote: 'Pievienot piezīmi',
        addPlaceholder: 'Pievienojiet piezīmi…',
        editPlaceholder: 'Labojiet piezīmi…',
        save: 'Saglabāt',
        cancel: 'Atcelt',
        edit: 'Labot',
        delete: 'Dzēst',
        resolve: 'Atzīmēt kā atrisinātu',
        unresolve: 'Atzīmēt kā neatrisinātu',
        confirmDelete: 'Vai tiešām vēlaties dzēst šo piezīmi?',
        shortcut: 'Padoms: piezīmi var ātri pievienot, nospiežot Ctrl+Enter',
      },
      editorToolbar: {
        publishing: 'Notiek publicēšana…',
        publish: 'Publicēt',
        published: 'Publicēts',
        unpublish: 'Atcelt publicēšanu',
        duplicate: 'Izveidot kopiju',
        unpublishing: 'Notiek publicēšanas atcelšana…',
        publishAndCreateNew: 'Publicēt un izveidot jaunu',
        publishAndDuplicate: 'Publicēt un izveidot kopiju',
        deleteUnpublishedChanges: 'Dzēst nepublicētās izmaiņas',
        deleteUnpublishedEntry: 'Dzēst nepublicēto ierakstu',
        deletePublishedEntry: 'Dzēst publicēto ierakstu',
        deleteEntry: 'Dzēst ierakstu',
        saving: 'Notiek saglabāšana…',
        save: 'Saglabāt',
        statusInfoTooltipDraft:
          'Ieraksta statuss ir „Melnraksts”. Lai to pabeigtu un nodotu pārskatīšanai, nomainiet statusu uz „Pārskatīšanā”.',
        statusInfoTooltipInReview:
          'Ieraksts tiek pārskatīts, un nekādas papildu darbības nav nepieciešamas. Tomēr pārskatīšanas laikā Jūs joprojām varat veikt izmaiņas.',
        deleting: 'Notiek dzēšana…',
        updating: 'Notiek atjaunināšana…',
        status: 'Statuss: %{status}',
        backCollection: ' Atpakaļ uz sadaļu „%{collectionLabel}”',
        unsavedChanges: 'Nesaglabātas izmaiņas',
        changesSaved: 'Izmaiņas saglabātas',
        draft: 'Melnraksts',
        inReview: 'Pārskatīšanā',
        ready: 'Gatavs publicēšanai',
        publishNow: 'Publicēt tūlīt',
        deployPreviewPendingButtonLabel: 'Pārbaudīt priekšskatījumu',
        deployPreviewButtonLabel: 'Skatīt priekšskatījumu',
        deployButtonLabel: 'Skatīt publicēto versiju',
      },
      editorWidgets: {
        markdown: {
          bold: 'Treknraksts',
          italic: 'Slīpraksts',
          strikethrough: 'Pārsvītrojums',
          code: 'Kods',
          link: 'Saite',
          linkPrompt: 'Ievadiet saites adresi (URL)',
          headings: 'Virsraksti',
          quote: 'Citāts',
          bulletedList: 'Aizzīmju saraksts',
          numberedList: 'Numurēts saraksts',
          addComponent: 'Pievienot komponentu',
          richText: 'Formatēts teksts',
          markdown: 'Markdown',
          toggleMode: {
            rich: 'Pārslēgt uz formatēta teksta režīmu',
            markdown: 'Pārslēgt uz Markdown režīmu',
          },
        },
        image: {
          choose: 'Izvēlēties attēlu',
          chooseMultiple: 'Izvēlēties attēlus',
          chooseUrl: 'Ievietot pēc adreses (URL)',
          replaceUrl: 'Aizstāt ar adresi (URL)',
          promptUrl: 'Ievadiet attēla adresi (URL)',
          chooseDifferent: 'Izvēlēties citu attēlu',
          addMore: 'Pievienot vēl attēlus',
          remove: 'Noņemt attēlu',
          removeAll: 'Noņemt visus attēlus',
        },
        file: {
          choose: 'Izvēlēties failu',
          chooseUrl: 'Ievietot pēc adreses (URL)',
          chooseMultiple: 'Izvēlēties failus',
          replaceUrl: 'Aizstāt ar adresi (URL)',
          promptUrl: 'Ievadiet faila adresi (URL)',
          chooseDifferent: 'Izvēlēties citu failu',
          addMore: 'Pievienot vēl failus',
          remove: 'Noņemt failu',
          removeAll: 'Noņemt visus failus',
        },
        unknownControl: {
          noControl: 'Logrīkam „%{widget}” nav ievades elementa.',
        },
        unknownPreview: {
          noPreview: 'Logrīkam „%{widget}” nav priekšskatījuma.',
        },
        headingOptions: {
          headingOne: '1. līmeņa virsraksts',
          headingTwo: '2. līmeņa virsraksts',
          headingThree: '3. līmeņa virsraksts',
          headingFour: '4. līmeņa virsraksts',
          headingFive: '5. līmeņa virsraksts',
          headingSix: '6. līmeņa virsraksts',
        },
        datetime: {
          now: 'Tagad',
          clear: 'Notīrīt',
          setToNow: 'Tagad: iestatīt pašreizējo datumu un laiku',
        },
        list: {
          add: 'Pievienot: %{item}',
          addType: 'Pievienot: %{item}',
        },
        object: {
          expand: 'Izvērst',
          collapse: 'Sakļaut',
        },
      },
    },
    mediaLibrary: {
      mediaLibraryCard: {
        draft: 'Melnraksts',
        copy: 'Kopēt',
        copyUrl: 'Kopēt adresi (URL)',
        copyPath: 'Kopēt ceļu',
        copyName: 'Kopēt nosaukumu',
        copied: 'Nokopēts',
      },
      mediaLibrary: {
        onDelete: 'Vai tiešām vēlaties dzēst atlasītos failus?',
        fileTooLarge: 'Fails ir pārāk liels.\nAtļautais faila lielums ir ne vairāk kā %{size} kB.',
      },
      mediaLibraryModal: {
        loading: 'Notiek ielāde…',
        close: 'Aizvērt',
        noResults: 'Nekas nav atrasts.',
        noAssetsFound: 'Neviens fails nav atrasts.',
        noImagesFound: 'Neviens attēls nav atrasts.',
        // Prefixed to "images"/"mediaAssets" in the media library title.
        private: 'Privātā krātuve: ',
        images: 'Attēli',
        mediaAssets: 'Faili',
        search: 'Meklēt…',
        uploading: 'Notiek augšupielāde…',
        upload: 'Augšupielādēt',
        download: 'Lejupielādēt',
        deleting: 'Notiek dzēšana…',
        deleteSelected: 'Dzēst atlasītos',
        chooseSelected: 'Izvēlēties atlasīto',
      },
    },
    ui: {
      default: {
        goBackToSite: 'Atgriezties tīmekļvietnē',
      },
      errorBoundary: {
        title: 'Kļūda',
        // Followed by the link text "reportIt".
        details: 'Radās kļūda. Lūdzu, ',
        reportIt: 'ziņojiet par to vietnes administratoram.',
        detailsHeading: 'Sīkāka informācija',
        privacyWarning:
          'Izveidojot problēmas pieteikumu, tajā automātiski tiek iekļauti kļūdas ziņojums un atkļūdošanas dati.\nLūdzu, pārbaudiet, vai informācija ir pareiza, un izņemiet sensitīvus datus, ja tādi ir.',
        recoveredEntry: {
          heading: 'Atjaunotais dokuments',
          warning: 'Lūdzu, pirms lapas pamešanas nokopējiet šo saturu kādā drošā vietā!',
          copyButtonLabel: 'Kopēt starpliktuvē',
        },
      },
      settingsDropdown: {
        logOut: 'Iziet',
        account: 'Konta iespēju izvēlne',
      },
      toast: {
        onFailToLoadEntries: 'Neizdevās ielādēt ierakstu: %{details}',
        onFailToLoadDeployPreview: 'Neizdevās ielādēt priekšskatījumu: %{details}',
        onFailToPersist: 'Neizdevās saglabāt ierakstu: %{details}',
        onFailToDelete: 'Neizdevās dzēst ierakstu: %{details}',
        onFailToUpdateStatus: 'Neizdevās atjaunināt statusu: %{details}',
        missingRequiredField:
          'Dažos laukos ir kļūdas vai nav aizpildīti obligātie lauki (tie iezīmēti sarkanā krāsā). Izlabojiet tos un saglabājiet vēlreiz.',
        entrySaved: 'Ieraksts saglabāts',
        entryPublished: 'Ieraksts publicēts',
        entryUnpublished: 'Ieraksta publicēšana atcelta',
        onFailToPublishEntry: 'Neizdevās publicēt: %{details}',
        onFailToUnpublishEntry: 'Neizdevās atcelt ieraksta publicēšanu: %{details}',
        entryUpdated: 'Ieraksta statuss atjaunināts',
        onDeleteUnpublishedChanges: 'Nepublicētās izmaiņas dzēstas',
        noteAdded: 'Piezīme pievienota',
        onFailToAddNote: 'Neizdevās pievienot piezīmi: %{details}',
        noteUpdated: 'Piezīme atjaunināta',
        onFailToUpdateNote: 'Neizdevās atjaunināt piezīmi: %{details}',
        noteDeleted: 'Piezīme dzēsta',
        onFailToDeleteNote: 'Neizdevās dzēst piezīmi: %{details}',
        noteResolved: 'Piezīme atzīmēta kā atrisināta',
        noteReopened: 'Piezīme atkārtoti atvērta',
        onFailToToggleNote: 'Neizdevās mainīt piezīmes statusu: %{details}',
        onFailToAuth: '%{details}',
        onLoggedOut:
          'Sesija ir beigusies. Lūdzu, saglabājiet visus datus drošā vietā un piesakieties vēlreiz.',
        onBackendDown:
          'Servera pakalpojumā ir darbības traucējumi. Plašāka informācija: %{details}',
      },
    },
    workflow: {
      workflow: {
        loading: 'Notiek darba plūsmas ierakstu ielāde',
        workflowHeading: 'Redakcionālā darba plūsma',
        newPost: 'Jauns ieraksts',
        // One form for every number (no Latvian plural rule in Polyglot).
        description:
          'Gaida pārskatīšanu: %{smart_count}; gatavi publicēšanai: %{readyCount}.',
        // dayjs format of the card dates; numeric, because dayjs month names stay English.
        dateFormat: 'DD.MM.YYYY',
      },
      workflowCard: {
        lastChange: '%{date}, autors: %{author}',
        lastChangeNoAuthor: '%{date}',
        lastChangeNoDate: 'Autors: %{author}',
        deleteChanges: 'Dzēst izmaiņas',
        deleteNewEntry: 'Dzēst jauno ierakstu',
        publishChanges: 'Publicēt izmaiņas',
        publishNewEntry: 'Publicēt jauno ierakstu',
      },
      workflowList: {
        onDeleteEntry: 'Vai tiešām vēlaties dzēst šo ierakstu?',
        onPublishingNotReadyEntry:
          'Publicēt var tikai ierakstus ar statusu „Gatavs publicēšanai”. Lai ierakstu varētu publicēt, lūdzu, pārvelciet tā kartīti uz sleju „Gatavi publicēšanai”.',
        onPublishEntry: 'Vai tiešām vēlaties publicēt šo ierakstu?',
        draftHeader: 'Melnraksti',
        inReviewHeader: 'Pārskatīšanā',
        readyHeader: 'Gatavi publicēšanai',
        // One form for every number (no Latvian plural rule in Polyglot).
        currentEntries: 'Ierakstu skaits: %{smart_count}',
      },
    },
  };
  window.CMS.registerLocale('lv', lv);
})();
