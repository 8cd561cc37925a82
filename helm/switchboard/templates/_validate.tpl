{{/* Settings that would deploy something broken fail the render with a message saying what to change. */}}
{{- define "switchboard.validate" -}}
{{- $kafka := .Values.kafka -}}
{{- if not (has $kafka.securityProtocol (list "PLAINTEXT" "SSL" "SASL_PLAINTEXT" "SASL_SSL")) -}}
{{- fail (printf "kafka.securityProtocol: %s (expected: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)" $kafka.securityProtocol) -}}
{{- end -}}
{{- if include "switchboard.kafkaSasl" . -}}
{{- if not (has $kafka.sasl.mechanism (list "PLAIN" "SCRAM-SHA-256" "SCRAM-SHA-512")) -}}
{{- fail (printf "kafka.sasl.mechanism: %s (expected: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)" $kafka.sasl.mechanism) -}}
{{- end -}}
{{- if or (not $kafka.sasl.username) (not (include "switchboard.hasCredential" $kafka.sasl.password)) -}}
{{- fail (printf "kafka.securityProtocol=%s needs kafka.sasl.username and kafka.sasl.password (value or existingSecret)" $kafka.securityProtocol) -}}
{{- end -}}
{{- end -}}
{{- if and (or $kafka.tls.caSecret $kafka.tls.clientSecret) (not (include "switchboard.kafkaTls" .)) -}}
{{- fail (printf "kafka.tls secrets are set but kafka.securityProtocol=%s (expected: SSL or SASL_SSL)" $kafka.securityProtocol) -}}
{{- end -}}
{{- if and $kafka.topics.strimzi.enabled (not $kafka.topics.strimzi.cluster) -}}
{{- fail "kafka.topics.strimzi.enabled needs kafka.topics.strimzi.cluster (the Kafka resource's name)" -}}
{{- end -}}
{{- if not (hasPrefix "jdbc:postgresql://" (toString .Values.postgresql.url)) -}}
{{- fail (printf "postgresql.url: %s (expected: jdbc:postgresql://HOST:PORT/DATABASE)" (toString .Values.postgresql.url)) -}}
{{- end -}}
{{- if and .Values.postgresql.replicaUrl (not (hasPrefix "jdbc:postgresql://" (toString .Values.postgresql.replicaUrl))) -}}
{{- fail (printf "postgresql.replicaUrl: %s (expected: jdbc:postgresql://HOST:PORT/DATABASE)" (toString .Values.postgresql.replicaUrl)) -}}
{{- end -}}
{{- if not (has .Values.statusMode (list "teamtalk" "accurate")) -}}
{{- fail (printf "statusMode: %s (expected: teamtalk or accurate)" .Values.statusMode) -}}
{{- end -}}
{{- if not (has .Values.presence.devicePolicy (list "teamtalk" "single" "unlimited")) -}}
{{- fail (printf "presence.devicePolicy: %s (expected: teamtalk, single or unlimited)" .Values.presence.devicePolicy) -}}
{{- end -}}
{{- if and (gt (int .Values.presence.demoUsers) 0) (gt (int .Values.presence.replicas) 1) -}}
{{- fail "presence.demoUsers: every presence-service replica would seed the demo users at once; set presence.replicas to 1 while seeding" -}}
{{- end -}}
{{- $gateway := .Values.gateway -}}
{{- if not (has $gateway.advertise.mode (list "service" "hostPort" "podIP")) -}}
{{- fail (printf "gateway.advertise.mode: %s (expected: service, hostPort or podIP)" $gateway.advertise.mode) -}}
{{- end -}}
{{- if not (has $gateway.service.type (list "ClusterIP" "NodePort" "LoadBalancer")) -}}
{{- fail (printf "gateway.service.type: %s (expected: ClusterIP, NodePort or LoadBalancer)" $gateway.service.type) -}}
{{- end -}}
{{- if and (eq $gateway.service.type "NodePort") (or (lt (int $gateway.port) 30000) (gt (int $gateway.port) 32767)) -}}
{{- fail (printf "gateway.service.type=NodePort uses gateway.port (%d) as the node port, which clients are told to connect to: set it in the node port range (30000-32767)" (int $gateway.port)) -}}
{{- end -}}
{{- if eq $gateway.advertise.mode "service" -}}
{{- $_ := include "switchboard.gatewayAdvertisedHost" . -}}
{{- end -}}
{{- if and $gateway.tls.enabled (not $gateway.tls.secretName) -}}
{{- fail "gateway.tls.enabled needs gateway.tls.secretName (a Secret with the PEM certificate and PKCS#8 key)" -}}
{{- end -}}
{{- $_ := include "switchboard.gatewayTerminationGracePeriod" . -}}
{{- end }}
