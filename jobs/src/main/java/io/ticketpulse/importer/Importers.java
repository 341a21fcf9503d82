package io.ticketpulse.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The importers by format name ({@code ticketpulse import FORMAT ...}). */
public final class Importers {

    private static final Map<String, TicketImporter> BY_FORMAT = new LinkedHashMap<>();

    static {
        for (TicketImporter importer : List.of(ServiceNowIncidentLog.IMPORTER, ZendeskImport.IMPORTER,
                JiraServiceManagementImport.IMPORTER, Bpi2013Import.IMPORTER)) {
            BY_FORMAT.put(importer.format(), importer);
        }
    }

    private Importers() {}

    /** The format names, in the order of {@code --help}. */
    public static List<String> formats() {
        return List.copyOf(BY_FORMAT.keySet());
    }

    /** All importers, in the order of {@code --help}. */
    public static List<TicketImporter> all() {
        return List.copyOf(BY_FORMAT.values());
    }

    /** The importer of a format name, or null. */
    public static TicketImporter byFormat(String format) {
        return BY_FORMAT.get(format);
    }
}
