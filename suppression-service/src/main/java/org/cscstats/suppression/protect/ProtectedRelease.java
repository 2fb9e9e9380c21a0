package org.cscstats.suppression.protect;

import java.util.List;
import java.util.Optional;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;

/** A release's protected tables, in catalogue order, safe to publish as they are. */
public record ProtectedRelease(String la, Policy policy, Catalogue catalogue, List<PublishedTable> tables,
        ProtectionReport report) {

    public ProtectedRelease {
        tables = List.copyOf(tables);
    }

    public Optional<PublishedTable> table(String id) {
        return tables.stream().filter(t -> t.table().equals(id)).findFirst();
    }
}
