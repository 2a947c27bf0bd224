package io.chatsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** docker-compose.yml checked against the Compose Specification's schema, offline (schemas/README.md). */
final class ComposeFile {

    private static final JsonSchema SCHEMA = load();

    private ComposeFile() {
    }

    private static JsonSchema load() {
        try (InputStream schema = ComposeFile.class.getResourceAsStream("/schemas/compose-spec.json")) {
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(schema);
            // The published schema's $id is a bare file name, not an absolute URI as the validator requires; its
            // references are all internal (#/definitions/...), so the id only needs to be well-formed.
            tree.put("$id", "https://compose-spec.io/schema/compose-spec.json");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The YAML as Compose reads it (anchors and merge keys resolved), as a JSON tree. */
    static JsonNode read(String yaml) {
        List<JsonNode> documents = StrictModels.documents(yaml);
        if (documents.size() != 1) {
            throw new AssertionError("a compose file is one YAML document");
        }
        return documents.get(0);
    }

    /** What the schema finds wrong; empty when the file is valid. */
    static List<String> problems(JsonNode compose) {
        return SCHEMA.validate(compose).stream().map(ValidationMessage::getMessage).toList();
    }
}
