package io.ticketpulse.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The JSON Schemas of the wire contracts, as shipped in this jar, loaded as validators the way the pipeline
 * uses them: draft 2020-12, {@code format} asserted (not just annotated; {@code date-time} exactly as RFC 3339
 * defines it, see {@link Timestamps}), paths as JSON Path ({@code $.field}),
 * and {@code pattern}s with ECMA-262 end anchors. Loading is costly: load once, validate many times.
 */
public final class Schemas {

    /** Classpath location of the ticket-event v1 schema. */
    public static final String TICKET_EVENT = "schemas/ticket-event.schema.json";
    /** Classpath location of the ticket-kpi v1 schema. */
    public static final String TICKET_KPI = "schemas/ticket-kpi.schema.json";
    /** Classpath location of the dead-letter v1 schema. */
    public static final String DEAD_LETTER = "schemas/dead-letter.schema.json";
    /** Classpath location of the sla-alert v1 schema. */
    public static final String SLA_ALERT = "schemas/sla-alert.schema.json";
    /** Classpath location of the sla-policy v1 schema (the SLA policy files, JSON or YAML). */
    public static final String SLA_POLICY = "schemas/sla-policy.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Draft 2020-12 with {@code date-time} exactly as RFC 3339 defines it ({@link Rfc3339DateTimeFormat}). */
    private static final JsonSchemaFactory FACTORY;

    static {
        JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .format(Rfc3339DateTimeFormat.INSTANCE)
                .build();
        FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b.metaSchema(meta));
    }

    private Schemas() {}

    /**
     * Loads one schema from the classpath (e.g. {@link #TICKET_KPI}) and builds its validator.
     *
     * @throws IllegalStateException if the resource is missing
     * @throws UncheckedIOException if it cannot be read
     */
    public static JsonSchema load(String resource) {
        JsonNode schemaNode;
        try (InputStream in = Schemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("JSON Schema not found on the classpath: " + resource);
            }
            schemaNode = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON Schema " + resource, e);
        }
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .regularExpressionFactory(EndAnchoredRegexFactory.INSTANCE)
                .build();
        JsonSchema schema = FACTORY.getSchema(schemaNode, config);
        schema.initializeValidators();
        return schema;
    }
}
