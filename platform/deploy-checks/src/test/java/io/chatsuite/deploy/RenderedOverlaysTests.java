package io.chatsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay, rendered as `kubectl kustomize` renders it, bound strictly and held to the operating policy. */
class RenderedOverlaysTests {

    private static List<HasMetadata> render(String overlay) throws Exception {
        return StrictModels.bindAll(Kustomize.render(ProjectFiles.resolve("k8s/overlays/" + overlay)));
    }

    private static <T extends HasMetadata> List<T> all(List<HasMetadata> manifests, Class<T> type) {
        return manifests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "strimzi"})
    void rendersToValidManifestsWithEveryServiceDeployedExposedAndProtected(String overlay) throws Exception {
        List<HasMetadata> manifests = render(overlay);
        List<Deployment> deployments = all(manifests, Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(ProjectFiles.SERVICES);
        assertThat(manifests).as("one namespace for everything")
                .allSatisfy(m -> assertThat(m.getMetadata().getNamespace() == null
                        ? m.getKind() : m.getMetadata().getNamespace()).isIn("Namespace", "chat", "chat-dev"));
        assertThat(manifests).extracting(HasMetadata::getKind).as("no Secret is committed").doesNotContain("Secret");

        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertThat(all(manifests, Service.class)).as(name + " has a Service")
                    .anySatisfy(s -> assertThat(s.getSpec().getSelector()).isEqualTo(selector));
            assertThat(all(manifests, PodDisruptionBudget.class)).as(name + " has a PodDisruptionBudget")
                    .anySatisfy(p -> assertThat(p.getSpec().getSelector().getMatchLabels()).isEqualTo(selector));
            assertThat(all(manifests, NetworkPolicy.class)).as(name + " has its own NetworkPolicy")
                    .anySatisfy(p -> assertThat(p.getSpec().getPodSelector().getMatchLabels()).isEqualTo(selector));
            assertPodPolicy(name, deployment.getSpec().getTemplate().getSpec());
        }
        assertThat(all(manifests, HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef()
                .getName()).containsExactlyInAnyOrder("gateway-service", "chat-service");
        assertThat(all(manifests, NetworkPolicy.class)).as("everything else is denied")
                .anySatisfy(p -> {
                    assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
                    assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                    assertThat(p.getSpec().getIngress()).isNullOrEmpty();
                    assertThat(p.getSpec().getEgress()).isNullOrEmpty();
                });
        assertIngress(all(manifests, Ingress.class));
        assertGatewayDrainsWithinItsGracePeriod(deployments);
        if (overlay.equals("strimzi")) {
            assertThat(all(manifests, KafkaTopic.class)).extracting(t -> t.getSpec().getTopicName())
                    .containsExactlyInAnyOrder("chat.commands", "chat.events", "presence.signals", "user.events",
                            "chat.commands.dead-letter", "chat.events.dead-letter", "presence.signals.dead-letter",
                            "user.events.dead-letter");
        }
    }

    private static void assertPodPolicy(String name, PodSpec pod) {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runs as non-root").isTrue();
        assertThat(pod.getTopologySpreadConstraints()).as(name + " spreads over zones and nodes").hasSize(2);
        assertThat(pod.getAutomountServiceAccountToken()).as(name + " needs no API token").isFalse();
        for (Container container : pod.getContainers()) {
            String what = name + "/" + container.getName();
            var security = container.getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).as(what + " read-only root").isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(what + " no privilege escalation").isFalse();
            assertThat(security.getCapabilities().getDrop()).as(what + " drops capabilities").contains("ALL");
            assertThat(container.getVolumeMounts()).as(what + " writable /tmp")
                    .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
            assertThat(container.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(what + " limits").containsKeys("cpu", "memory");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(container.getImage()).as(what + " image is pinned").doesNotEndWith(":latest").contains(":");
            for (EnvVar env : container.getEnv()) {
                if (env.getName().matches(".*(PASSWORD|SECRET|ACCESS_KEY|REDIS_URL).*")) {
                    assertThat(env.getValueFrom()).as(what + " takes " + env.getName() + " from a Secret").isNotNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(env.getName()).isNotNull();
                }
            }
        }
    }

    private static void assertIngress(List<Ingress> ingresses) {
        assertThat(ingresses).hasSize(1);
        Ingress ingress = ingresses.get(0);
        assertThat(ingress.getSpec().getTls()).as("TLS").isNotEmpty();
        assertThat(Integer.parseInt(ingress.getMetadata().getAnnotations()
                .get("nginx.ingress.kubernetes.io/proxy-read-timeout"))).as("WebSocket-friendly timeout")
                .isGreaterThanOrEqualTo(3600);
        Map<String, String> routes = ingress.getSpec().getRules().get(0).getHttp().getPaths().stream()
                .collect(Collectors.toMap(HTTPIngressPath::getPath, p -> p.getBackend().getService().getName()));
        assertThat(routes).containsEntry("/ws", "gateway-service")
                .containsEntry("/api/auth", "auth-service")
                .containsEntry("/api/conversations", "chat-service")
                .containsEntry("/api/attachments", "chat-service")
                .containsEntry("/api/avatars", "chat-service")
                .containsEntry("/api/history", "history-service")
                .containsEntry("/api/presence", "presence-service")
                .containsEntry("/", "gateway-service");
    }

    private static void assertGatewayDrainsWithinItsGracePeriod(List<Deployment> deployments) {
        Deployment gateway = deployments.stream()
                .filter(d -> d.getMetadata().getName().equals("gateway-service")).findFirst().orElseThrow();
        PodSpec pod = gateway.getSpec().getTemplate().getSpec();
        String window = pod.getContainers().get(0).getEnv().stream()
                .filter(env -> env.getName().equals("GATEWAY_DRAIN_WINDOW")).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("GATEWAY_DRAIN_WINDOW is set"));
        Duration drain = Duration.parse("PT" + window.toUpperCase());
        assertThat(Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()))
                .as("the gateway's grace period leaves room to drain its sockets and stop")
                .isGreaterThanOrEqualTo(drain.plusSeconds(15));
    }
}
