{{/* Names and labels ------------------------------------------------------------------------------------------ */}}

{{- define "switchboard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-scoped base name. Gateway pods are <fullname>-gateway-<ordinal>, and a pod's name is its gateway id. */}}
{{- define "switchboard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "switchboard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "switchboard.labels" -}}
helm.sh/chart: {{ include "switchboard.chart" . }}
app.kubernetes.io/name: {{ include "switchboard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: switchboard
{{- end }}

{{/* Labels of one component's objects: dict "root" $ "component" "gateway" */}}
{{- define "switchboard.componentLabels" -}}
{{ include "switchboard.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "switchboard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* What a Service carries so the ServiceMonitor scrapes it, under the same job name as docker-compose. */}}
{{- define "switchboard.scrapeLabels" -}}
switchboard.dev/scrape: "true"
switchboard.dev/job: {{ .job }}
{{- end }}

{{- define "switchboard.gatewayName" -}}
{{ include "switchboard.fullname" . }}-gateway
{{- end }}

{{- define "switchboard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "switchboard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* dict "root" $ "service" "msg-gateway" */}}
{{- define "switchboard.image" -}}
{{- $image := .root.Values.image -}}
{{ $image.registry }}{{ $image.repositoryPrefix }}{{ .service }}:{{ $image.tag | default .root.Chart.AppVersion }}
{{- end }}

{{/* Credentials -------------------------------------------------------------------------------------------------- */}}

{{/* "true" when a credential ({value, existingSecret, existingSecretKey}) is configured, else empty */}}
{{- define "switchboard.hasCredential" -}}
{{- if or .existingSecret .value }}true{{ end }}
{{- end }}

{{/* secretKeyRef of a credential: dict "root" $ "credential" .Values.redis.password "key" "redis-password".
     An existing Secret wins over a value; a value lives in the chart's Secret under "key". */}}
{{- define "switchboard.secretKeyRef" -}}
{{- if .credential.existingSecret }}
name: {{ .credential.existingSecret }}
key: {{ .credential.existingSecretKey }}
{{- else }}
name: {{ include "switchboard.fullname" .root }}
key: {{ .key }}
{{- end }}
{{- end }}

{{- define "switchboard.kafkaSasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}true{{ end }}
{{- end }}

{{- define "switchboard.kafkaTls" -}}
{{- if has .Values.kafka.securityProtocol (list "SSL" "SASL_SSL") }}true{{ end }}
{{- end }}

{{/* Secret environment variables every service gets; the configuration refers to them as ${NAME}. */}}
{{- define "switchboard.secretEnv" -}}
{{- if include "switchboard.hasCredential" .Values.redis.password }}
- name: REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- include "switchboard.secretKeyRef" (dict "root" . "credential" .Values.redis.password "key" "redis-password") | trim | nindent 6 }}
{{- end }}
{{- if include "switchboard.kafkaSasl" . }}
- name: KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- include "switchboard.secretKeyRef" (dict "root" . "credential" .Values.kafka.sasl.password "key" "kafka-sasl-password") | trim | nindent 6 }}
{{- end }}
{{- end }}

{{/* The PostgreSQL password, for the services that use PostgreSQL (route-service, the gateways) and only those */}}
{{- define "switchboard.postgresqlEnv" -}}
{{- if include "switchboard.hasCredential" .Values.postgresql.password }}
- name: SPRING_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- include "switchboard.secretKeyRef" (dict "root" . "credential" .Values.postgresql.password "key" "postgresql-password") | trim | nindent 6 }}
{{- end }}
{{- end }}

{{/* spring.datasource of a service: dict "root" $ "url" the URL it uses */}}
{{- define "switchboard.datasource" -}}
{{- $postgresql := .root.Values.postgresql -}}
{{- toYaml (dict "url" .url "username" $postgresql.username "hikari" (dict "maximum-pool-size" $postgresql.maximumPoolSize)) -}}
{{- end }}

{{/* Configuration ---------------------------------------------------------------------------------------------- */}}

{{/* switchboard.redis.url; the password stays a placeholder Spring resolves from the REDIS_PASSWORD variable */}}
{{- define "switchboard.redisUrl" -}}
{{- $redis := .Values.redis -}}
{{- if $redis.url -}}
{{ $redis.url }}
{{- else -}}
{{- $auth := "" -}}
{{- if include "switchboard.hasCredential" $redis.password -}}
{{- $auth = printf "%s:${REDIS_PASSWORD}@" ($redis.username | default "") -}}
{{- else if $redis.username -}}
{{- $auth = printf "%s@" $redis.username -}}
{{- end -}}
{{ ternary "rediss" "redis" (eq (toString $redis.tls) "true") }}://{{ $auth }}{{ $redis.host }}:{{ $redis.port }}/{{ $redis.database }}
{{- end -}}
{{- end }}

{{/* spring.kafka.properties: the pass-through map plus the security settings */}}
{{- define "switchboard.kafkaProperties" -}}
{{- $kafka := .Values.kafka -}}
{{- $properties := deepCopy ($kafka.properties | default dict) -}}
{{- if ne $kafka.securityProtocol "PLAINTEXT" -}}
{{- $_ := set $properties "security.protocol" $kafka.securityProtocol -}}
{{- end -}}
{{- if include "switchboard.kafkaSasl" . -}}
{{- $module := ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq $kafka.sasl.mechanism "PLAIN") -}}
{{- $_ := set $properties "sasl.mechanism" $kafka.sasl.mechanism -}}
{{- $_ := set $properties "sasl.jaas.config" (printf "%s required username=\"%s\" password=\"${KAFKA_SASL_PASSWORD}\";" $module $kafka.sasl.username) -}}
{{- end -}}
{{- toYaml $properties -}}
{{- end }}

{{/* What every service's switchboard.yaml holds: Kafka, Redis, status mode, health probes */}}
{{- define "switchboard.commonConfig" -}}
{{- $kafka := .Values.kafka -}}
{{- $tlsBundle := and (include "switchboard.kafkaTls" .) (or $kafka.tls.caSecret $kafka.tls.clientSecret) -}}
spring:
  kafka:
    bootstrap-servers: {{ $kafka.bootstrapServers | quote }}
    {{- $properties := include "switchboard.kafkaProperties" . }}
    {{- if ne $properties "{}" }}
    properties:
      {{- $properties | nindent 6 }}
    {{- end }}
    {{- if $tlsBundle }}
    ssl:
      bundle: kafka
    {{- end }}
  {{- if $tlsBundle }}
  ssl:
    bundle:
      pem:
        kafka:
          {{- if $kafka.tls.caSecret }}
          truststore:
            certificate: "file:/etc/switchboard/kafka-ca/{{ $kafka.tls.caSecretKey }}"
          {{- end }}
          {{- if $kafka.tls.clientSecret }}
          keystore:
            certificate: "file:/etc/switchboard/kafka-client/{{ $kafka.tls.clientCertificateKey }}"
            private-key: "file:/etc/switchboard/kafka-client/{{ $kafka.tls.clientPrivateKeyKey }}"
          {{- end }}
  {{- end }}
switchboard:
  status-mode: {{ .Values.statusMode }}
  redis:
    url: {{ include "switchboard.redisUrl" . | quote }}
    key-prefix: {{ .Values.redis.keyPrefix | quote }}
management:
  endpoint:
    health:
      probes:
        enabled: true
{{- end }}

{{/* Pod parts ---------------------------------------------------------------------------------------------------- */}}

{{/* Environment every container gets: dict "root" $ "values" .Values.gateway */}}
{{- define "switchboard.env" -}}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: "file:/etc/switchboard/config/switchboard.yaml,file:/etc/switchboard/config/overrides.yaml"
{{- with .values.jvmOptions }}
- name: JDK_JAVA_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- include "switchboard.secretEnv" .root }}
{{- with .values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Probes on the actuator health groups, on the service's HTTP port: dict "probes" .Values.gateway.probes */}}
{{- define "switchboard.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .probes.startup.periodSeconds }}
  failureThreshold: {{ .probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ .probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: {{ .probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .probes.readiness.failureThreshold }}
{{- end }}

{{- define "switchboard.volumeMounts" -}}
- name: config
  mountPath: /etc/switchboard/config
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if and (include "switchboard.kafkaTls" .) .Values.kafka.tls.caSecret }}
- name: kafka-ca
  mountPath: /etc/switchboard/kafka-ca
  readOnly: true
{{- end }}
{{- if and (include "switchboard.kafkaTls" .) .Values.kafka.tls.clientSecret }}
- name: kafka-client
  mountPath: /etc/switchboard/kafka-client
  readOnly: true
{{- end }}
{{- end }}

{{/* dict "root" $ "configMap" "<name>" */}}
{{- define "switchboard.volumes" -}}
- name: config
  configMap:
    name: {{ .configMap }}
- name: tmp
  emptyDir: {}
{{- if and (include "switchboard.kafkaTls" .root) .root.Values.kafka.tls.caSecret }}
- name: kafka-ca
  secret:
    secretName: {{ .root.Values.kafka.tls.caSecret }}
{{- end }}
{{- if and (include "switchboard.kafkaTls" .root) .root.Values.kafka.tls.clientSecret }}
- name: kafka-client
  secret:
    secretName: {{ .root.Values.kafka.tls.clientSecret }}
{{- end }}
{{- end }}

{{/* Scheduling settings of a component: .Values.gateway etc. */}}
{{- define "switchboard.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end }}

{{/* Gateway shutdown: the grace period must cover the drain plus the rest of a clean stop */}}
{{- define "switchboard.gatewayTerminationGracePeriod" -}}
{{- $drain := int .Values.gateway.drainPeriodSeconds -}}
{{- $grace := .Values.gateway.terminationGracePeriodSeconds | default (add $drain 20) | int -}}
{{- if le $grace (add $drain 15) -}}
{{- fail (printf "gateway.terminationGracePeriodSeconds (%d) must be more than gateway.drainPeriodSeconds (%d) + 15" $grace $drain) -}}
{{- end -}}
{{ $grace }}
{{- end }}

{{/* The address gateways advertise in mode "service" */}}
{{- define "switchboard.gatewayAdvertisedHost" -}}
{{- $gateway := .Values.gateway -}}
{{- if $gateway.advertise.host -}}
{{ $gateway.advertise.host }}
{{- else if eq $gateway.service.type "ClusterIP" -}}
{{ include "switchboard.gatewayName" . }}.{{ .Release.Namespace }}.svc
{{- else -}}
{{- fail (printf "gateway.advertise.host is required with gateway.service.type=%s: the address (DNS name or IP) clients reach the gateway Service at, which the login API hands out" $gateway.service.type) -}}
{{- end -}}
{{- end }}

{{/* Pod-template checksum of one component's configuration and the chart's Secret, so pods restart when either
     changes: dict "root" $ "component" "gateway" */}}
{{- define "switchboard.configChecksum" -}}
{{- $config := include (printf "switchboard.%sConfig" .component) .root -}}
{{- $overrides := toYaml (index .root.Values .component).config -}}
{{- $secret := include (print .root.Template.BasePath "/secret.yaml") .root -}}
{{ printf "%s\n%s\n%s" $config $overrides $secret | sha256sum }}
{{- end }}
