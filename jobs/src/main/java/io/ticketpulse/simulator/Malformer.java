package io.ticketpulse.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketpulse.schema.TicketEvent;
import io.ticketpulse.schema.TicketEventJson;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a good event into a record that is not a valid ticket event, the way real producers get it wrong:
 * truncated JSON, text that is not JSON, JSON that is not an object (an array, or the event JSON-encoded twice),
 * a required field with the wrong type or an impossible value, or a required field missing.
 */
final class Malformer {

    private static final String[] REQUIRED = {"event_id", "ticket_id", "type", "occurred_at"};
    private static final String[] NOT_JSON = {
        "<html><body><h1>502 Bad Gateway</h1></body></html>", "ticket_id=T-1&type=CREATED", "\u0000\u0000\u0000"
    };

    private final ObjectMapper mapper = new ObjectMapper();
    private final Dice dice;

    Malformer(Dice dice) {
        this.dice = dice;
    }

    /** A malformed record derived from {@code event}, whose valid wire form is {@code json}. */
    byte[] corrupt(TicketEvent event, byte[] json) {
        switch (dice.nextInt(5)) {
            case 0:
                return Arrays.copyOf(json, (int) dice.between(1, json.length - 1));
            case 1:
                return NOT_JSON[dice.nextInt(NOT_JSON.length)].getBytes(StandardCharsets.UTF_8);
            case 2:
                return notAnObject(event, json);
            case 3:
                return wrongValue(event);
            default:
                ObjectNode node = TicketEventJson.toNode(event);
                node.remove(REQUIRED[dice.nextInt(REQUIRED.length)]);
                return write(node);
        }
    }

    private byte[] notAnObject(TicketEvent event, byte[] json) {
        if (dice.chance(0.5)) {
            return write(mapper.createArrayNode().add(TicketEventJson.toNode(event)));
        }
        return write(mapper.getNodeFactory().textNode(new String(json, StandardCharsets.UTF_8)));
    }

    private byte[] wrongValue(TicketEvent event) {
        ObjectNode node = TicketEventJson.toNode(event);
        switch (dice.nextInt(4)) {
            case 0 -> node.put("occurred_at", event.occurredAtMs);
            case 1 -> node.put("occurred_at", "yesterday, around noon");
            case 2 -> node.put("type", "TELEPORTED");
            default -> node.put("ticket_id", 1 + dice.nextInt(99_999));
        }
        return write(node);
    }

    private byte[] write(Object node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
