package dev.switchboard.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a local cluster passes to its services beyond the plan's own arguments, for benchmarks and experiments
 * ({@code ./switchboard bench} uses it): route-service's routing mode, extra JVM options for the gateways, and any
 * Spring property of one service or of all of them.
 *
 * @param routeMode         route-service's {@code switchboard.route.mode}: {@code targeted} or {@code broadcast};
 *                          empty: the service's own default
 * @param gatewayJvmOptions JVM options every msg-gateway process gets after the launcher's own, so {@code -Xmx2g}
 *                          here replaces the default heap limit
 * @param serviceProperties Spring properties as {@code SERVICE:KEY=VALUE}, SERVICE one of {@code msg-gateway},
 *                          {@code presence-service}, {@code route-service} or {@code all}; given after the plan's
 *                          own arguments, so they win
 */
public record ServiceTuning(String routeMode, List<String> gatewayJvmOptions, List<String> serviceProperties) {

    /** Nothing beyond the plan. */
    public static final ServiceTuning NONE = new ServiceTuning("", List.of(), List.of());

    static final Set<String> ROUTE_MODES = Set.of("targeted", "broadcast");
    static final String ALL = "all";
    private static final Pattern PROPERTY = Pattern.compile("([a-z-]+):([^=\\s]+)=(.*)", Pattern.DOTALL);

    public ServiceTuning {
        routeMode = routeMode == null ? "" : routeMode.strip();
        if (!routeMode.isEmpty() && !ROUTE_MODES.contains(routeMode)) {
            throw new IllegalArgumentException("--route-mode: " + routeMode + " (expected: targeted or broadcast)");
        }
        gatewayJvmOptions = List.copyOf(gatewayJvmOptions);
        serviceProperties = List.copyOf(serviceProperties);
        serviceProperties.forEach(ServiceTuning::parse);
    }

    /** The same tuning with route-service in {@code mode} ({@code targeted} or {@code broadcast}). */
    public ServiceTuning withRouteMode(String mode) {
        return new ServiceTuning(mode, gatewayJvmOptions, serviceProperties);
    }

    /** The same tuning with {@code options} appended to the gateways' JVM options. */
    public ServiceTuning withGatewayJvmOptions(List<String> options) {
        List<String> all = new ArrayList<>(gatewayJvmOptions);
        all.addAll(options);
        return new ServiceTuning(routeMode, all, serviceProperties);
    }

    /** The same tuning with {@code --KEY=VALUE} for {@code service} ({@code msg-gateway}, ..., or {@code all}). */
    public ServiceTuning withServiceProperty(String service, String key, String value) {
        List<String> all = new ArrayList<>(serviceProperties);
        all.add(service + ":" + key + "=" + value);
        return new ServiceTuning(routeMode, gatewayJvmOptions, all);
    }

    /** The Spring arguments ({@code --key=value}) this tuning adds for {@code module}. */
    List<String> arguments(String module) {
        List<String> arguments = new ArrayList<>();
        if (module.equals(ServicePlan.ROUTE) && !routeMode.isEmpty()) {
            arguments.add("--switchboard.route.mode=" + routeMode);
        }
        for (String property : serviceProperties) {
            Matcher parts = parse(property);
            if (parts.group(1).equals(ALL) || parts.group(1).equals(module)) {
                arguments.add("--" + parts.group(2) + "=" + parts.group(3));
            }
        }
        return arguments;
    }

    /** The JVM options this tuning adds for {@code module}'s processes. */
    List<String> jvmOptions(String module) {
        return module.equals(ServicePlan.GATEWAY) ? gatewayJvmOptions : List.of();
    }

    private static Matcher parse(String property) {
        Matcher parts = PROPERTY.matcher(property);
        if (!parts.matches() || !(parts.group(1).equals(ALL) || ServicePlan.MODULES.contains(parts.group(1)))) {
            throw new IllegalArgumentException("--service-property: '" + property + "' (expected: SERVICE:KEY=VALUE, "
                    + "SERVICE one of " + String.join(", ", ServicePlan.MODULES) + " or " + ALL + ")");
        }
        return parts;
    }
}
