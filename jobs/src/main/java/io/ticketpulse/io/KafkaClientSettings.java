package io.ticketpulse.io;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * How to reach the Kafka cluster: the bootstrap servers and the extra client properties (security.protocol,
 * sasl.*, ssl.*, ...) given to every Kafka client of the job, consumer and producers alike. The property values
 * may be secrets: {@link #toString()} and {@link #describe()} show the keys only.
 */
public final class KafkaClientSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String bootstrapServers;
    private final Map<String, String> properties;

    public KafkaClientSettings(String bootstrapServers, Map<String, String> properties) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must be given");
        }
        this.bootstrapServers = bootstrapServers;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The extra client properties, in the order given (values unmasked: for the clients only). */
    public Map<String, String> properties() {
        return properties;
    }

    /** A fresh copy of the extra client properties, for a client builder. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(properties);
        return p;
    }

    /** {@code host:9092 (security.protocol=***, sasl.jaas.config=***)}: the servers and the masked properties. */
    public String describe() {
        if (properties.isEmpty()) {
            return bootstrapServers;
        }
        return bootstrapServers + " (" + maskedProperties() + ')';
    }

    /** {@code key=***, key=***}: the property keys with their values masked. */
    public String maskedProperties() {
        return properties.keySet().stream().map(k -> k + "=***").collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "KafkaClientSettings{" + describe() + '}';
    }
}
