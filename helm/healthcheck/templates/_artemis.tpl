{{- /*
The release's broker, or one broker of a replicating pair: its ConfigMap (broker.xml) and StatefulSet.
(list $ "") for the single broker; (list $ "primary") and (list $ "backup") for a pair, whose broker.xml
gets files/broker-ha-pair.xml and the role's files/broker-ha-<role>.xml added to its core.
*/}}
{{- define "healthcheck.artemisBroker" -}}
{{- $root := index . 0 }}
{{- $role := index . 1 }}
{{- $name := include "healthcheck.componentName" (list $root "artemis") }}
{{- $broker := ternary (printf "%s-backup" $name) $name (eq $role "backup") }}
{{- $brokerXml := $root.Files.Get "files/broker.xml" }}
{{- $tls := include "healthcheck.tls" $root }}
{{- if $tls }}
{{- /* the acceptor speaks TLS only; the broker resolves ${TLS_PASSWORD} from its environment */}}
{{- $plain := "tcp://0.0.0.0:61616?protocols=CORE</acceptor>" }}
{{- if not (contains $plain $brokerXml) }}
{{- fail (printf "files/broker.xml has no acceptor %s for tls.enabled to turn to TLS" $plain) }}
{{- end }}
{{- $brokerXml = replace $plain (printf "tcp://0.0.0.0:61616?protocols=CORE;sslEnabled=true;keyStoreType=PKCS12;keyStorePath=%s/keystore.p12;keyStorePassword=${TLS_PASSWORD}</acceptor>" (include "healthcheck.tlsDirectory" $root)) $brokerXml }}
{{- end }}
{{- if $role }}
{{- $ha := "" }}
{{- range $file := list "files/broker-ha-pair.xml" (printf "files/broker-ha-%s.xml" $role) }}
{{- /* the fragment's elements, without its declaration, comment and <core> wrapper */}}
{{- $ha = printf "%s%s" $ha (regexReplaceAll "(?s)^.*?<core[^>]*>|</core>\\s*$" ($root.Files.Get $file) "") }}
{{- end }}
{{- if $tls }}
{{- /* the pair reach each other over TLS as the services reach them: the certificate names both pods */}}
{{- range $connector := list "SELF" "PEER" }}
{{- $ha = replace (printf "tcp://${ARTEMIS_%s}</connector>" $connector) (printf "tcp://${ARTEMIS_%s}?sslEnabled=true;verifyHost=true;trustStoreType=PKCS12;trustStorePath=%s/truststore.p12;trustStorePassword=${TLS_PASSWORD}</connector>" $connector (include "healthcheck.tlsDirectory" $root)) $ha }}
{{- end }}
{{- end }}
{{- $brokerXml = replace "</core>" (printf "%s</core>" $ha) $brokerXml }}
{{- end }}
{{- $config := dict "broker.xml" $brokerXml }}
{{- with $root.Values.artemis }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $broker }}
  labels:
    {{- include "healthcheck.labels" (list $root "artemis") | nindent 4 }}
data:
  {{- toYaml $config | nindent 2 }}
---
{{- if $role }}
# One broker of the pair: a journal of its own, kept in step with the live broker's by replication.
{{- else }}
# One broker pod: the services' durable subscriptions and the duplicate-id cache live in its journal.
{{- end }}
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {{ $broker }}
  labels:
    {{- include "healthcheck.labels" (list $root "artemis") | nindent 4 }}
spec:
  serviceName: {{ $name }}-headless
  replicas: 1
  selector:
    matchLabels:
      {{- include "healthcheck.selectorLabels" (list $root "artemis") | nindent 6 }}
      {{- if $role }}
      healthcheck.dev/broker-role: {{ $role }}
      {{- end }}
  template:
    metadata:
      labels:
        {{- include "healthcheck.labels" (list $root "artemis") | nindent 8 }}
        {{- if $role }}
        healthcheck.dev/broker-role: {{ $role }}
        {{- end }}
      annotations:
        {{- include "healthcheck.podAnnotations" (list $root "artemis") | nindent 8 }}
        # the image applies broker.xml at every start: a changed file must restart the broker
        checksum/config: {{ toYaml $config | sha256sum }}
    spec:
      {{- include "healthcheck.podSpec" (list $root "artemis") | nindent 6 }}
      containers:
        - name: artemis
          image: {{ include "healthcheck.image" (list $root .image "artemis.image") | quote }}
          imagePullPolicy: {{ .image.pullPolicy }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          env:
            # every login the broker accepts, written to the instance's users and roles at every start:
            # the operator's (role operator; the instance is created with it on the first start) and one
            # user per service, named after it (ARTEMIS_PASSWORD_<SERVICE>), in the role of that name
            - name: ARTEMIS_SERVICE_USERS
              value: {{ keys $root.Values.services | sortAlpha | join " " | quote }}
            {{- include "healthcheck.secretEnv" (list $root "artemis") | trim | nindent 12 }}
            {{- include "healthcheck.tlsEnv" $root | nindent 12 }}
            # the instance's bin/artemis appends this to the JVM's arguments at every start
            - name: JAVA_ARGS_APPEND
              value: {{ printf "-Xms%s -Xmx%s" .javaMemory .javaMemory | quote }}
            # the saga topics' redelivery: broker.xml's placeholders, filled in from here at every start
            - name: REDELIVERY_DELAY_MS
              value: {{ .redelivery.delayMs | int64 | quote }}
            - name: REDELIVERY_DELAY_MULTIPLIER
              value: {{ .redelivery.delayMultiplier | quote }}
            - name: REDELIVERY_MAX_DELAY_MS
              value: {{ .redelivery.maxDelayMs | int64 | quote }}
            - name: REDELIVERY_MAX_ATTEMPTS
              value: {{ .redelivery.maxAttempts | int64 | quote }}
            {{- if $role }}
            # broker-ha-pair.xml: this broker's address as clients and its peer reach it, and the peer's
            - name: ARTEMIS_SELF
              value: {{ include "healthcheck.artemisPodAddress" (list $root $role) | quote }}
            - name: ARTEMIS_PEER
              value: {{ include "healthcheck.artemisPodAddress" (list $root (ternary "primary" "backup" (eq $role "backup"))) | quote }}
            {{- end }}
          ports:
            - name: core
              containerPort: 61616
              protocol: TCP
          {{- if not $role }}
          startupProbe:
            tcpSocket:
              port: core
            periodSeconds: 5
            failureThreshold: 36
          livenessProbe:
            tcpSocket:
              port: core
            periodSeconds: 10
            failureThreshold: 3
          {{- end }}
          # In a pair, ready means live: a backup opens its port only when it takes over. No TCP startup
          # or liveness probe there, which would restart a healthy backup; a broker whose JVM dies exits.
          readinessProbe:
            tcpSocket:
              port: core
            periodSeconds: 5
          resources:
            {{- toYaml .resources | nindent 12 }}
          volumeMounts:
            - name: data
              mountPath: /var/lib/artemis-instance
            # copied over the instance's etc/ by the image at every start
            - name: config
              mountPath: /opt/artemis-config
              readOnly: true
            {{- include "healthcheck.scratchMounts" (dict "tmp" "/tmp") | trim | nindent 12 }}
            {{- include "healthcheck.tlsMount" $root | nindent 12 }}
      volumes:
        - name: config
          configMap:
            name: {{ $broker }}
        {{- include "healthcheck.scratchVolumes" (dict "tmp" "/tmp") | trim | nindent 8 }}
        {{- if and $role $tls }}
        {{- include "healthcheck.tlsVolume" (list $root "keystore.p12" "truststore.p12") | nindent 8 }}
        {{- else }}
        {{- include "healthcheck.tlsVolume" (list $root "keystore.p12") | nindent 8 }}
        {{- end }}
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        {{- with .persistence.storageClass }}
        storageClassName: {{ . }}
        {{- end }}
        resources:
          requests:
            storage: {{ .persistence.size }}
{{- end }}
{{- end }}

{{- /* host:port of one broker pod of a pair, by its stable name: (list $ "primary") or (list $ "backup"). */}}
{{- define "healthcheck.artemisPodAddress" -}}
{{- $root := index . 0 }}
{{- $name := include "healthcheck.componentName" (list $root "artemis") }}
{{- printf "%s-0.%s-headless:61616" (ternary (printf "%s-backup" $name) $name (eq (index . 1) "backup")) $name }}
{{- end }}
