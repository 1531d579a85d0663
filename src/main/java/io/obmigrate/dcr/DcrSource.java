package io.obmigrate.dcr;

import java.util.List;
import java.util.Map;

/**
 * A DCR registration with everything the mapping needs, read for a whole chunk at once: the service providers linked
 * to its client ID (normally exactly one), the service providers that already hold the name it would be renamed to,
 * and the other registrations of the same software ID (they compete for that name: rename-collision).
 *
 * @param nameHolders SP IDs by upper-cased {@code APP_NAME}, for the candidate names of the chunk (same tenant)
 */
public record DcrSource(DcrRegistration registration, List<ServiceProvider> serviceProviders,
		Map<String, Long> nameHolders, List<DcrRegistration> sameSoftware) {
}
