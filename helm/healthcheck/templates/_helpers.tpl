{{/* Chart name, overridable. */}}
{{- define "healthcheck.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-scoped name; the release name alone when it already contains the chart name. */}}
{{- define "healthcheck.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of one component (a service, artemis, derby): (list $ "schedule"). */}}
{{- define "healthcheck.componentName" -}}
{{- $root := index . 0 }}
{{- printf "%s-%s" (include "healthcheck.fullname" $root) (index . 1) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "healthcheck.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels of one component: (list $ "schedule"). Never change them: selectors are immutable. */}}
{{- define "healthcheck.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "healthcheck.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end }}

{{/* All labels of one component: (list $ "schedule"). */}}
{{- define "healthcheck.labels" -}}
{{- $root := index . 0 -}}
helm.sh/chart: {{ include "healthcheck.chart" $root }}
{{ include "healthcheck.selectorLabels" . }}
app.kubernetes.io/part-of: {{ include "healthcheck.name" $root }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
{{- end }}

{{/*
Credentials. Each pod reads only the keys it uses, from one of two layouts:
- one Secret (secrets.existingSecret, or the one the chart generates) holding every key of
  healthcheck.secretKeys; the broker and database passwords of the services are ARTEMIS_PASSWORD_<SERVICE>
  and DB_PASSWORD_<SERVICE> there;
- one Secret per owner (secrets.existingSecrets.<owner>), each holding the keys its pod reads under the
  names the pod reads them (ARTEMIS_PASSWORD, not ARTEMIS_PASSWORD_SCHEDULE).
*/}}
{{- define "healthcheck.secretName" -}}
{{- .Values.secrets.existingSecret | default (include "healthcheck.componentName" (list . "credentials")) }}
{{- end }}

{{- define "healthcheck.perServiceSecrets" -}}
{{- range $owner, $name := .Values.secrets.existingSecrets }}{{ if $name }}true{{ end }}{{ end }}
{{- end }}

{{/* The keys of the one Secret: the services' broker logins, the broker operator's, the database administrator's, the services' database logins, the users'. */}}
{{- define "healthcheck.secretKeys" -}}
ARTEMIS_PASSWORD_SCHEDULE ARTEMIS_PASSWORD_RESERVATION ARTEMIS_PASSWORD_DELIVERY ARTEMIS_PASSWORD_MYPAGE ARTEMIS_OPERATOR_USER ARTEMIS_OPERATOR_PASSWORD DB_ADMIN_USER DB_ADMIN_PASSWORD DB_PASSWORD_SCHEDULE DB_PASSWORD_RESERVATION DB_PASSWORD_DELIVERY DB_PASSWORD_MYPAGE ADMIN_PASSWORD CUSTOMER_ALICE_PASSWORD CUSTOMER_BOB_PASSWORD RESERVATION_SERVICE_USER RESERVATION_SERVICE_PASSWORD SCHEDULE_SERVICE_USER SCHEDULE_SERVICE_PASSWORD DELIVERY_SERVICE_USER DELIVERY_SERVICE_PASSWORD
{{- end }}

{{/*
Where one credential of an owner (a service, artemis, derby) is read: (list $ "schedule" "ARTEMIS_PASSWORD")
gives {secret, key}. With per-owner Secrets the key keeps its name; in the one Secret a service's broker
and database passwords are ARTEMIS_PASSWORD_<SERVICE> and DB_PASSWORD_<SERVICE>, its own identity
<SERVICE>_SERVICE_USER/_PASSWORD (the names its callees read it under); every other key is shared.
*/}}
{{- define "healthcheck.secretRef" -}}
{{- $root := index . 0 }}
{{- $owner := index . 1 }}
{{- $key := index . 2 }}
{{- if include "healthcheck.perServiceSecrets" $root }}
{{- $name := index $root.Values.secrets.existingSecrets $owner | default "" }}
{{- if not $name }}
{{- fail (printf "secrets.existingSecrets.%s is not set: with per-service Secrets, every service, and the release's broker and database when they run, need theirs" $owner) }}
{{- end }}
{{- toYaml (dict "secret" $name "key" $key) }}
{{- else }}
{{- $single := ternary (printf "%s_%s" $key (upper $owner)) $key (has $key (list "ARTEMIS_PASSWORD" "DB_PASSWORD")) }}
{{- if has $key (list "SERVICE_USER" "SERVICE_PASSWORD") }}
{{- $single = printf "%s_%s" (upper $owner) $key }}
{{- end }}
{{- toYaml (dict "secret" (include "healthcheck.secretName" $root) "key" $single) }}
{{- end }}
{{- end }}

{{/*
The credentials one pod reads, as a list of {env, owner, key}: (list $ "schedule"). A service gets its own
broker password, its own database password (network or postgresql mode: embedded Derby needs none), the users its registry verifies (admin, alice, bob), its own service identity
if it calls another service (reservation, schedule, delivery) and the identities of the services that
call it (schedule: reservation's; reservation: schedule's and delivery's). The broker gets every broker
login, Derby its administrator's login and every service's database password (it creates the logins),
the helm test pod the two users it books with.
*/}}
{{- define "healthcheck.credentials" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 }}
{{- $entries := list }}
{{- if hasKey $root.Values.services $component }}
{{- $entries = append $entries (dict "env" "ARTEMIS_PASSWORD" "owner" $component "key" "ARTEMIS_PASSWORD") }}
{{- if ne (include "healthcheck.dbMode" $root) "embedded" }}
{{- $entries = append $entries (dict "env" "DB_PASSWORD" "owner" $component "key" "DB_PASSWORD") }}
{{- end }}
{{- range $key := list "ADMIN_PASSWORD" "CUSTOMER_ALICE_PASSWORD" "CUSTOMER_BOB_PASSWORD" }}
{{- $entries = append $entries (dict "env" $key "owner" $component "key" $key) }}
{{- end }}
{{- if has $component (list "schedule" "reservation" "delivery") }}
{{- range $key := list "SERVICE_USER" "SERVICE_PASSWORD" }}
{{- $entries = append $entries (dict "env" $key "owner" $component "key" $key) }}
{{- end }}
{{- end }}
{{- range $caller := index (dict "schedule" (list "reservation") "reservation" (list "schedule" "delivery")) $component | default list }}
{{- range $key := list "SERVICE_USER" "SERVICE_PASSWORD" }}
{{- $env := printf "%s_%s" (upper $caller) $key }}
{{- $entries = append $entries (dict "env" $env "owner" $component "key" $env) }}
{{- end }}
{{- end }}
{{- else if eq $component "artemis" }}
{{- range $key := list "ARTEMIS_OPERATOR_USER" "ARTEMIS_OPERATOR_PASSWORD" }}
{{- $entries = append $entries (dict "env" $key "owner" "artemis" "key" $key) }}
{{- end }}
{{- range $service := keys $root.Values.services | sortAlpha }}
{{- $entries = append $entries (dict "env" (printf "ARTEMIS_PASSWORD_%s" (upper $service)) "owner" $service "key" "ARTEMIS_PASSWORD") }}
{{- end }}
{{- else if eq $component "derby" }}
{{- range $key := list "DB_ADMIN_USER" "DB_ADMIN_PASSWORD" }}
{{- $entries = append $entries (dict "env" $key "owner" "derby" "key" $key) }}
{{- end }}
{{- range $service := keys $root.Values.services | sortAlpha }}
{{- $entries = append $entries (dict "env" (printf "DB_PASSWORD_%s" (upper $service)) "owner" $service "key" "DB_PASSWORD") }}
{{- end }}
{{- else if eq $component "smoke-test" }}
{{- range $key := list "ADMIN_PASSWORD" "CUSTOMER_ALICE_PASSWORD" }}
{{- $entries = append $entries (dict "env" $key "owner" "reservation" "key" $key) }}
{{- end }}
{{- else }}
{{- fail (printf "no credentials are defined for %s" $component) }}
{{- end }}
{{- toYaml $entries }}
{{- end }}

{{/* The env entries of one pod's credentials: (list $ "schedule"). */}}
{{- define "healthcheck.secretEnv" -}}
{{- $root := index . 0 }}
{{- range $entry := include "healthcheck.credentials" . | fromYamlArray }}
{{- $ref := include "healthcheck.secretRef" (list $root $entry.owner $entry.key) | fromYaml }}
- name: {{ $entry.env }}
  valueFrom:
    secretKeyRef:
      name: {{ $ref.secret }}
      key: {{ $ref.key }}
{{- end }}
{{- end }}

{{/*
The generated Secret's data (base64), drawn once per rendering and kept on the root context, so the
Secret and the pods' checksum agree. Random on first install, read back with lookup on upgrades so
that pods, the broker and the database keep agreeing (helm template and --dry-run cannot look up and
show fresh random values: under GitOps, name Secrets of your own instead).
*/}}
{{- define "healthcheck.generatedSecretData" -}}
{{- if not (hasKey . "healthcheckGeneratedSecretData") }}
{{- $existing := (lookup "v1" "Secret" .Release.Namespace (include "healthcheck.secretName" .)).data | default dict }}
{{- $data := dict }}
{{- range $key := include "healthcheck.secretKeys" . | splitList " " }}
{{- if contains "PASSWORD" $key }}
{{- $_ := set $data $key (index $existing $key | default (randAlphaNum 32 | b64enc)) }}
{{- end }}
{{- end }}
{{- /* user names too: a letter first and alphanumerics only, valid for Artemis, Derby and Liberty alike */}}
{{- range $key, $prefix := dict "ARTEMIS_OPERATOR_USER" "operator" "DB_ADMIN_USER" "dbadmin" "RESERVATION_SERVICE_USER" "reservation" "SCHEDULE_SERVICE_USER" "schedule" "DELIVERY_SERVICE_USER" "delivery" }}
{{- $_ := set $data $key (index $existing $key | default (printf "%s%s" $prefix (randAlphaNum 8 | lower) | b64enc)) }}
{{- end }}
{{- $_ := set . "healthcheckGeneratedSecretData" $data }}
{{- end }}
{{- toYaml .healthcheckGeneratedSecretData }}
{{- end }}

{{/*
Hash of the credentials one pod reads, on its template: (list $ "schedule"). The servers, the broker
and Derby read them only at start, so a changed value must roll exactly the pods that read it. Values
of the generated Secret, or of the operator's Secrets as lookup reads them at install or upgrade
(nothing under helm template: then only the Secrets' names and keys count; bump a podAnnotations value).
*/}}
{{- define "healthcheck.secretChecksum" -}}
{{- $root := index . 0 }}
{{- $lines := list }}
{{- range $entry := include "healthcheck.credentials" . | fromYamlArray }}
{{- $ref := include "healthcheck.secretRef" (list $root $entry.owner $entry.key) | fromYaml }}
{{- $data := dict }}
{{- if or $root.Values.secrets.existingSecret (include "healthcheck.perServiceSecrets" $root) }}
{{- $data = (lookup "v1" "Secret" $root.Release.Namespace $ref.secret).data | default dict }}
{{- else }}
{{- $data = include "healthcheck.generatedSecretData" $root | fromYaml }}
{{- end }}
{{- $lines = append $lines (printf "%s=%s/%s:%s" $entry.env $ref.secret $ref.key (index $data $ref.key | default "")) }}
{{- end }}
{{- join "\n" $lines | sha256sum }}
{{- end }}

{{/* Broker address: an external host wins; otherwise the release's own broker, which must then be enabled. */}}
{{- define "healthcheck.artemisInRelease" -}}
{{- if and .Values.artemis.enabled (not .Values.artemis.external.host) }}true{{ end }}
{{- end }}

{{- define "healthcheck.artemisHost" -}}
{{- if .Values.artemis.external.host }}
{{- .Values.artemis.external.host }}
{{- else if .Values.artemis.enabled }}
{{- include "healthcheck.componentName" (list . "artemis") }}
{{- else }}
{{- fail "artemis.enabled is false: set artemis.external.host to the broker the services should use" }}
{{- end }}
{{- end }}

{{- define "healthcheck.artemisPort" -}}
{{- if .Values.artemis.external.host }}{{ .Values.artemis.external.port }}{{ else }}61616{{ end }}
{{- end }}

{{/*
Database: database.type postgresql, an existing PostgreSQL; otherwise Derby: an external Derby network
server wins, then the release's own; embedded otherwise.
*/}}
{{- define "healthcheck.onPostgresql" -}}
{{- /* values.schema.json allows derby-network and postgresql only */}}
{{- if eq .Values.database.type "postgresql" }}
{{- if not .Values.database.postgresql.host }}
{{- fail "database.type is postgresql: set database.postgresql.host to the PostgreSQL the services should use" }}
{{- end }}true
{{- end }}
{{- end }}

{{- define "healthcheck.derbyInRelease" -}}
{{- if and .Values.derby.network.enabled (not .Values.database.external.host) (not (include "healthcheck.onPostgresql" .)) }}true{{ end }}
{{- end }}

{{- define "healthcheck.dbMode" -}}
{{- if include "healthcheck.onPostgresql" . }}postgresql
{{- else if or .Values.database.external.host .Values.derby.network.enabled }}network
{{- else }}embedded{{ end }}
{{- end }}

{{- define "healthcheck.dbHost" -}}
{{- if include "healthcheck.onPostgresql" . }}{{ .Values.database.postgresql.host }}
{{- else }}{{ .Values.database.external.host | default (include "healthcheck.componentName" (list . "derby")) }}{{ end }}
{{- end }}

{{- define "healthcheck.dbPort" -}}
{{- if include "healthcheck.onPostgresql" . }}{{ .Values.database.postgresql.port }}
{{- else if .Values.database.external.host }}{{ .Values.database.external.port }}{{ else }}1527{{ end }}
{{- end }}

{{/*
An image reference: (list $ .image "services.schedule.image"). No repository has a default (no public
image exists, and a default would point at somebody else's namespace); global.imageRegistry, when set,
goes in front of the repository; an empty tag is the chart's appVersion.
*/}}
{{- define "healthcheck.image" -}}
{{- $root := index . 0 }}
{{- $image := index . 1 }}
{{- $path := index . 2 }}
{{- if not $image.repository }}
{{- fail (printf "%s.repository is not set. No public image of healthcheck exists: build the images (docs/kubernetes.md, Build the images), push them, and set the repository of every component (services.<name>.image.repository, artemis.image.repository, derby.network.image.repository), optionally under global.imageRegistry" $path) }}
{{- end }}
{{- $registry := dig "imageRegistry" "" ($root.Values.global | default dict) | trimSuffix "/" }}
{{- $repository := $image.repository }}
{{- if $registry }}
{{- $repository = printf "%s/%s" $registry $repository }}
{{- end }}
{{- printf "%s:%s" $repository ($image.tag | default $root.Chart.AppVersion) }}
{{- end }}

{{/*
What every pod of the release shares, at the level of the pod spec: (list $ "schedule"). No
service-account token (nothing here talks to the API server), no service links in the environment,
the security context and the scheduling values. A topology spread constraint without a labelSelector
spreads the pods of this component.
*/}}
{{- define "healthcheck.podSpec" -}}
{{- $root := index . 0 }}
{{- $component := index . 1 -}}
automountServiceAccountToken: false
enableServiceLinks: false
{{- with $root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
{{- with $root.Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $root.Values.topologySpreadConstraints }}
{{- $own := dict "labelSelector" (dict "matchLabels" (include "healthcheck.selectorLabels" (list $root $component) | fromYaml)) }}
topologySpreadConstraints:
  {{- range . }}
  - {{ merge (deepCopy .) $own | toYaml | indent 4 | trim }}
  {{- end }}
{{- end }}
{{- end }}

{{/* Annotations of every pod template: the operator's, and the hash of the credentials the pod reads: (list $ "schedule"). */}}
{{- define "healthcheck.podAnnotations" -}}
{{- with (index . 0).Values.podAnnotations }}
{{- toYaml . }}
{{ end -}}
checksum/secret: {{ include "healthcheck.secretChecksum" . }}
{{- end }}

{{/* An emptyDir for each path a container writes, its root file system being read-only: (dict "tmp" "/tmp"). */}}
{{- define "healthcheck.scratchMounts" -}}
{{- range $name, $path := . }}
- name: {{ $name }}
  mountPath: {{ $path }}
{{- end }}
{{- end }}

{{- define "healthcheck.scratchVolumes" -}}
{{- range $name, $path := . }}
- name: {{ $name }}
  emptyDir: {}
{{- end }}
{{- end }}

{{/*
The non-secret settings of one service, exactly the environment its server reads:
(list $ "reservation"). The ConfigMap holds this and the Deployment hashes it, so a change rolls the pods.
*/}}
{{- define "healthcheck.serviceConfig" -}}
{{- $root := index . 0 }}
{{- $name := index . 1 }}
{{- $svc := index $root.Values.services $name }}
{{- $dbMode := include "healthcheck.dbMode" $root }}
{{- if and (eq $dbMode "embedded") (or (gt (int $svc.replicas) 1) $svc.autoscaling.enabled) }}
{{- fail (printf "services.%s runs more than one pod, which needs a shared database: enable derby.network, set database.external.host or database.type postgresql" $name) }}
{{- end -}}
HTTP_PORT: {{ $root.Values.httpPort | quote }}
{{- if and (include "healthcheck.artemisInRelease" $root) $root.Values.artemis.ha.enabled }}
# the release's broker pair (artemis.ha.enabled): each pod by its stable name; the clients follow
# whichever is live (liberty-config's messaging-ha-on.xml)
ARTEMIS_HA: "on"
ARTEMIS_HOST: {{ include "healthcheck.artemisPodAddress" (list $root "primary") | splitList ":" | first | quote }}
ARTEMIS_PORT: "61616"
ARTEMIS_BACKUP_HOST: {{ include "healthcheck.artemisPodAddress" (list $root "backup") | splitList ":" | first | quote }}
ARTEMIS_BACKUP_PORT: "61616"
{{- else }}
ARTEMIS_HOST: {{ include "healthcheck.artemisHost" $root | quote }}
ARTEMIS_PORT: {{ include "healthcheck.artemisPort" $root | quote }}
{{- end }}
# each service logs in to the broker as its own user, named after it (its password is in its Secret)
ARTEMIS_USER: {{ $name | quote }}
DB_MODE: {{ $dbMode | quote }}
{{- if eq $dbMode "network" }}
DB_HOST: {{ include "healthcheck.dbHost" $root | quote }}
DB_PORT: {{ include "healthcheck.dbPort" $root | quote }}
# each service logs in to the database as its own user, named after it, which reaches only its own
# database (its password is in its Secret)
DB_USER: {{ $name | quote }}
DB_NAME: {{ $name | quote }}
{{- else if eq $dbMode "postgresql" }}
{{- $pg := $root.Values.database.postgresql }}
DB_HOST: {{ include "healthcheck.dbHost" $root | quote }}
DB_PORT: {{ include "healthcheck.dbPort" $root | quote }}
# each service logs in as its own login, which owns its database and reaches no other (its password is in
# its Secret); liberty-config's database-postgresql.xml
DB_USER: {{ index ($pg.users | default dict) $name | default $name | quote }}
DB_NAME: {{ index ($pg.databases | default dict) $name | default $name | quote }}
DB_SSL_MODE: {{ $pg.sslMode | quote }}
{{- else }}
DB_NAME: {{ $name | quote }}
{{- end }}
OUTBOX_RELAY_INTERVAL_MS: {{ $root.Values.config.outboxRelayIntervalMs | quote }}
{{- if include "healthcheck.tls" $root }}
# HTTPS on HTTP_PORT, TLS to the broker and to Derby (liberty-config's tls-on.xml), stores mounted here
TLS_MODE: "on"
TLS_DIRECTORY: {{ include "healthcheck.tlsDirectory" $root | quote }}
{{- end }}
# Traces (MicroProfile Telemetry): exported over OTLP when an endpoint is given, the SDK off otherwise
{{- with $root.Values.telemetry }}
OTEL_SDK_DISABLED: {{ empty .otlpEndpoint | quote }}
{{- if .otlpEndpoint }}
OTEL_SERVICE_NAME: {{ $name | quote }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ .otlpEndpoint | quote }}
OTEL_EXPORTER_OTLP_PROTOCOL: {{ .otlpProtocol | quote }}
OTEL_TRACES_SAMPLER: "parentbased_traceidratio"
OTEL_TRACES_SAMPLER_ARG: {{ .sampleRatio | quote }}
# metrics stay on /metrics (MicroProfile Metrics), logs on the console
OTEL_METRICS_EXPORTER: "none"
OTEL_LOGS_EXPORTER: "none"
{{- end }}
{{- end }}
{{- if eq $root.Values.logging.format "json" }}
# one JSON object per line, on the console and in messages.log
WLP_LOGGING_CONSOLE_FORMAT: "json"
WLP_LOGGING_MESSAGE_FORMAT: "json"
{{- end }}
{{- if or (eq $name "schedule") (eq $name "delivery") }}
# the periodic reconciliation of seat holds (schedule) and mail-outs (delivery) against reservation's bookings
RESERVATION_URL: {{ include "healthcheck.serviceUrl" (list $root "reservation") | quote }}
RECONCILIATION_INTERVAL_SECONDS: {{ $root.Values.config.reconciliation.intervalSeconds | quote }}
RECONCILIATION_GRACE_SECONDS: {{ $root.Values.config.reconciliation.graceSeconds | quote }}
{{- end }}
{{- if eq $name "reservation" }}
{{- $booking := $svc.booking }}
SCHEDULE_URL: {{ include "healthcheck.serviceUrl" (list $root "schedule") | quote }}
BOOKING_RETRY_AFTER_SECONDS: {{ $booking.retryAfterSeconds | quote }}
# MicroProfile Fault Tolerance overrides of ScheduleSeats.take (MP Config key, upper-cased, non-alphanumerics as _)
DEV_HEALTHCHECK_RESERVATION_INFRASTRUCTURE_CLIENT_SCHEDULESEATS_TAKE_TIMEOUT_VALUE: {{ $booking.scheduleTimeoutMillis | quote }}
DEV_HEALTHCHECK_RESERVATION_INFRASTRUCTURE_CLIENT_SCHEDULESEATS_TAKE_CIRCUITBREAKER_REQUESTVOLUMETHRESHOLD: {{ $booking.circuitBreaker.requestVolumeThreshold | quote }}
DEV_HEALTHCHECK_RESERVATION_INFRASTRUCTURE_CLIENT_SCHEDULESEATS_TAKE_CIRCUITBREAKER_FAILURERATIO: {{ $booking.circuitBreaker.failureRatio | quote }}
DEV_HEALTHCHECK_RESERVATION_INFRASTRUCTURE_CLIENT_SCHEDULESEATS_TAKE_CIRCUITBREAKER_DELAY: {{ $booking.circuitBreaker.delayMillis | quote }}
DEV_HEALTHCHECK_RESERVATION_INFRASTRUCTURE_CLIENT_SCHEDULESEATS_TAKE_BULKHEAD_VALUE: {{ $booking.bulkhead | quote }}
{{- end }}
{{- end }}

{{- /* The port of telemetry.otlpEndpoint: the one it names, else its scheme's (as the OTLP exporter connects). */}}
{{- define "healthcheck.otlpPort" -}}
{{- $url := urlParse .Values.telemetry.otlpEndpoint }}
{{- if regexMatch ":[0-9]+$" $url.host }}{{ regexFind "[0-9]+$" $url.host }}{{ else if eq $url.scheme "https" }}443{{ else }}80{{ end }}
{{- end }}
