{{/*
TLS inside the release (values tls): the services' API port, the broker's acceptor and the Derby network
server. The stores come from one Secret in cert-manager's PKCS12 form (keystore.p12, truststore.p12, one
password); each pod mounts only the stores it reads, at healthcheck.tlsDirectory.
*/}}
{{- define "healthcheck.tls" -}}
{{- if .Values.tls.enabled }}
{{- if not .Values.tls.secretName }}
{{- fail "tls.secretName is not set: name the Secret holding keystore.p12 and truststore.p12 (a cert-manager Certificate with keystores.pkcs12.create: true)" }}
{{- end }}
{{- if not .Values.tls.passwordSecret.name }}
{{- fail "tls.passwordSecret.name is not set: name the Secret holding the stores' password (the Certificate's keystores.pkcs12.passwordSecretRef)" }}
{{- end -}}
true
{{- end }}
{{- end }}

{{- define "healthcheck.tlsDirectory" -}}
/etc/healthcheck/tls
{{- end }}

{{/* What the services' API port speaks, and the name of that port: https with TLS on, http otherwise. */}}
{{- define "healthcheck.apiScheme" -}}
{{- if include "healthcheck.tls" . }}https{{ else }}http{{ end }}
{{- end }}

{{/* A service's URL inside the cluster: (list $ "schedule"). */}}
{{- define "healthcheck.serviceUrl" -}}
{{- $root := index . 0 }}
{{- printf "%s://%s:%v" (include "healthcheck.apiScheme" $root) (include "healthcheck.componentName" (list $root (index . 1))) $root.Values.httpPort }}
{{- end }}

{{/* The stores' password as TLS_PASSWORD (env entries; nothing with TLS off). */}}
{{- define "healthcheck.tlsEnv" -}}
{{- if include "healthcheck.tls" . }}
- name: TLS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.tls.passwordSecret.name }}
      key: {{ .Values.tls.passwordSecret.key }}
{{- end }}
{{- end }}

{{- define "healthcheck.tlsMount" -}}
{{- if include "healthcheck.tls" . }}
- name: tls
  mountPath: {{ include "healthcheck.tlsDirectory" . }}
  readOnly: true
{{- end }}
{{- end }}

{{/* The Secret's stores this pod reads: (list $ "keystore.p12" "truststore.p12"). */}}
{{- define "healthcheck.tlsVolume" -}}
{{- $root := index . 0 }}
{{- if include "healthcheck.tls" $root }}
- name: tls
  secret:
    secretName: {{ $root.Values.tls.secretName }}
    defaultMode: 0440
    items:
      {{- range $store := rest . }}
      - {key: {{ $store }}, path: {{ $store }}}
      {{- end }}
{{- end }}
{{- end }}
