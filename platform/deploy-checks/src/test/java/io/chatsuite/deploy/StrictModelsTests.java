package io.chatsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The strict binding refuses what the API server would refuse: these mistakes must fail the build. */
class StrictModelsTests {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: example
            spec:
              replicas: %s
              selector:
                matchLabels:
                  app: example
              template:
                metadata:
                  labels:
                    app: example
                spec:
                  containers:
                    - name: example
                      image: example:1
                      %s
            """;

    @Test
    void aValidManifestBinds() {
        assertThat(StrictModels.bindAll(DEPLOYMENT.formatted("2", "imagePullPolicy: IfNotPresent")))
                .singleElement().isInstanceOf(Deployment.class);
    }

    @Test
    void anUnknownFieldFails() {
        assertThatThrownBy(() -> StrictModels.bindAll(DEPLOYMENT.formatted("2", "imagePullPolicyy: IfNotPresent")))
                .hasMessageContaining("imagePullPolicyy");
    }

    @Test
    void aFieldOfTheWrongTypeFails() {
        assertThatThrownBy(() -> StrictModels.bindAll(DEPLOYMENT.formatted("'two'", "imagePullPolicy: IfNotPresent")))
                .hasMessageContaining("Deployment example");
        assertThatThrownBy(() -> StrictModels.bindAll(DEPLOYMENT.formatted("'2'", "imagePullPolicy: IfNotPresent")))
                .hasMessageContaining("Deployment example");
        assertThatThrownBy(() -> StrictModels.bindAll(DEPLOYMENT.formatted("2", "ports: 8080")))
                .hasMessageContaining("Deployment example");
    }

    @Test
    void anUnknownKindFails() {
        assertThatThrownBy(() -> StrictModels.bindAll("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"))
                .hasMessageContaining("v1/Secret");
    }
}
