{{/* Each service's switchboard.yaml: the common part (Kafka, Redis, status mode, probes) merged with its own.
     Per-pod values (the gateway id and advertised host) come as environment variables, which win over files. */}}

{{- define "switchboard.gatewayConfig" -}}
{{- $gateway := .Values.gateway -}}
{{- $drain := int $gateway.drainPeriodSeconds -}}
{{- /* Spring waits this long for each shutdown phase; the drain must fit in its phase */ -}}
{{- $datasource := include "switchboard.datasource" (dict "root" . "url" (.Values.postgresql.replicaUrl | default .Values.postgresql.url)) | fromYaml -}}
{{- $own := dict "server" (dict "port" $gateway.httpPort) "spring" (dict "lifecycle" (dict "timeout-per-shutdown-phase" (printf "%ds" (add $drain 10))) "datasource" $datasource) -}}
{{- $settings := dict "port" $gateway.port "max-connections" $gateway.maxConnections "messages-per-second" $gateway.messagesPerSecond "drain-period" (printf "%ds" $drain) -}}
{{- with $gateway.advertise.backupHost }}
{{- $_ := set $settings "backup-host" . -}}
{{- end }}
{{- if $gateway.tls.enabled }}
{{- $_ := set $settings "tls" (dict "enabled" true "certificate" (printf "/etc/switchboard/client-tls/%s" $gateway.tls.certificateKey) "private-key" (printf "/etc/switchboard/client-tls/%s" $gateway.tls.privateKeyKey) "reload-interval" $gateway.tls.reloadInterval "handshake-timeout" $gateway.tls.handshakeTimeout) -}}
{{- end }}
{{- $_ := set $own "switchboard" (dict "gateway" $settings "shutdown-timeout" (include "switchboard.shutdownTimeout" (include "switchboard.gatewayTerminationGracePeriod" .))) -}}
{{- toYaml (mergeOverwrite (include "switchboard.commonConfig" . | fromYaml) $own) }}
{{- end }}

{{- define "switchboard.presenceConfig" -}}
{{- $presence := .Values.presence -}}
{{- $settings := dict "device-policy" $presence.devicePolicy "demo-users" $presence.demoUsers -}}
{{- with $presence.msfs }}
{{- $_ := set $settings "msfs" . -}}
{{- end }}
{{- with $presence.discovery }}
{{- $_ := set $settings "discovery" . -}}
{{- end }}
{{- $own := dict "server" (dict "port" $presence.httpPort) "switchboard" (dict "presence" $settings "shutdown-timeout" (include "switchboard.shutdownTimeout" $presence.terminationGracePeriodSeconds)) -}}
{{- toYaml (mergeOverwrite (include "switchboard.commonConfig" . | fromYaml) $own) }}
{{- end }}

{{- define "switchboard.routeConfig" -}}
{{- $route := .Values.route -}}
{{- $concurrency := $route.listenerConcurrency | default .Values.kafka.topics.partitions -}}
{{- $datasource := include "switchboard.datasource" (dict "root" . "url" .Values.postgresql.url) | fromYaml -}}
{{- $own := dict "server" (dict "port" $route.httpPort) "spring" (dict "kafka" (dict "listener" (dict "concurrency" $concurrency)) "datasource" $datasource) "switchboard" (dict "shutdown-timeout" (include "switchboard.shutdownTimeout" $route.terminationGracePeriodSeconds)) -}}
{{- toYaml (mergeOverwrite (include "switchboard.commonConfig" . | fromYaml) $own) }}
{{- end }}

{{- /* switchboard.shutdown-timeout from a pod's terminationGracePeriodSeconds: the service halts itself 5 s before
     Kubernetes would send SIGKILL, so its last log line (what the shutdown was stuck in) is written */ -}}
{{- define "switchboard.shutdownTimeout" -}}
{{- $grace := int . -}}
{{- if lt $grace 10 -}}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be at least 10: a service stops within it minus 5 s" $grace) -}}
{{- end -}}
{{ printf "%ds" (sub $grace 5) }}
{{- end }}
