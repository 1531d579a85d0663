package io.obmigrate.dcr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.obmigrate.core.RowReport;
import io.obmigrate.dcr.ServiceProviderChange.PropertyAddition;
import io.obmigrate.dcr.ServiceProviderChange.PropertyRename;
import io.obmigrate.dcr.ServiceProviderChange.Replacement;

/**
 * The DCR / service-provider mapping (WSO2's SP migration, with obmigrate's safer rule wherever WSO2 loses data), as a pure function of a registration and
 * the current state of its service provider. No JDBC here: the reader supplies the state, the writer applies the
 * {@link ServiceProviderChange}. Applying a change and computing again gives no change.
 */
public class ServiceProviderMigration {

	static final String TABLE = "OB_DCR_DETAILS";

	static final String DEVICE_CODE = "urn:ietf:params:oauth:grant-type:device_code";

	static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	static final String CLIENT_CREDENTIALS = "client_credentials";

	private static final String[] SUFFIXES = { "_production", "_sandbox" };

	/** API Manager's SP names: {@code <owner>_<application>_<KEYTYPE>}. */
	static final Pattern API_MANAGER_NAME = Pattern.compile("(?i).+_.+_(PRODUCTION|SANDBOX)");

	private final DcrRules rules;

	public ServiceProviderMigration(DcrRules rules) {
		this.rules = rules;
	}

	public DcrOutcome map(DcrSource source) {
		DcrRegistration registration = source.registration();
		if (!this.rules.migrates(registration.status())) {
			return new DcrOutcome.Filtered(DcrRule.STATUS_NOT_MIGRATED, "status " + registration.status()
					+ " is not in obmigrate.dcr.statuses " + this.rules.statuses());
		}
		JsonNode request;
		try {
			request = PropertyEncoding.parseRequest(registration.request());
		}
		catch (IllegalArgumentException ex) {
			return quarantine(registration, DcrRule.UNPARSEABLE_REQUEST, "Cannot read the DCR request: "
					+ ex.getMessage() + ". Correct OB_DCR_DETAILS.REQUEST of this row (it must be the JSON object of"
					+ " the registration request) and restart, or exclude the row by its status.");
		}
		if (source.serviceProviders().isEmpty()) {
			return quarantine(registration, DcrRule.NO_SERVICE_PROVIDER, "No service provider has OAuth client ID "
					+ registration.clientId() + " (SP_INBOUND_AUTH, type oauth2): the application was deleted."
					+ " Nothing can be migrated for it; exclude its status with obmigrate.dcr.statuses, or re-register"
					+ " the TPP after the upgrade.");
		}
		if (source.serviceProviders().size() > 1) {
			return quarantine(registration, DcrRule.SEVERAL_SERVICE_PROVIDERS, "Client ID " + registration.clientId()
					+ " is linked to " + source.serviceProviders().size() + " service providers ("
					+ source.serviceProviders().stream().map(ServiceProvider::name).toList()
					+ "); obmigrate will not guess. Remove the stale SP_INBOUND_AUTH rows and restart.");
		}
		ServiceProvider sp = source.serviceProviders().get(0);
		List<RowReport> notices = new ArrayList<>();

		List<PropertyRename> renames = renames(registration, sp, notices);
		Set<String> names = new HashSet<>();
		for (ServiceProvider.Property property : sp.properties()) {
			names.add(upper(property.name()));
		}
		for (PropertyRename rename : renames) {
			names.remove(upper(rename.property().name()));
			names.add(upper(rename.newName()));
		}

		List<PropertyAddition> additions = new ArrayList<>();
		for (Iterator<Map.Entry<String, JsonNode>> fields = request.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			String name = field.getKey();
			if (names.contains(upper(name))) {
				continue; // an existing property wins, compared case-insensitively
			}
			Optional<String> value = PropertyEncoding.encode(field.getValue());
			if (value.isEmpty()) {
				notices.add(notice(registration, DcrRule.EMPTY_ATTRIBUTE_SKIPPED,
						"attribute " + name + " is null or an empty list: not stored, as OB 3.0 does"));
				continue;
			}
			if (name.length() > this.rules.nameLimit()) {
				return quarantine(registration, DcrRule.NAME_TOO_LONG, "Attribute name " + abbreviateName(name)
						+ " is longer than SP_METADATA.NAME (" + this.rules.nameLimit() + ").");
			}
			int size = this.rules.size(value.get());
			if (size > this.rules.valueLimit()) {
				return quarantine(registration, DcrRule.SP_VALUE_TOO_LONG, "Attribute " + name + " needs " + size
						+ (this.rules.valueLimitInBytes() ? " bytes" : " characters") + " but SP_METADATA.VALUE holds "
						+ this.rules.valueLimit() + "; values are never truncated. Widen the column (`obmigrate check"
						+ " --fix`, or the statement `obmigrate check` prints) and restart.");
			}
			if (PropertyEncoding.misreadAsListOrObject(field.getValue())) {
				notices.add(notice(registration, DcrRule.VALUE_READ_AS_LIST_OR_OBJECT, "attribute " + name
						+ " is text containing '#' or '{': OB 3.0 will read it back as a list or an object"));
			}
			names.add(upper(name));
			additions.add(new PropertyAddition(name, value.get()));
		}

		Replacement spName = null;
		Replacement oauthAppName = null;
		String target = registration.softwareId() == null ? "" : registration.softwareId().strip();
		if (this.rules.renameServiceProviders() && !target.isEmpty() && !sp.name().equals(target)) {
			if (!isApiManagerName(sp.name())) {
				notices.add(notice(registration, DcrRule.SP_NAME_KEPT, "service provider " + sp.name()
						+ " does not follow API Manager's owner_application_KEYTYPE pattern: name left as it is"));
			}
			else {
				String collision = collision(source, sp, target);
				if (collision != null) {
					return quarantine(registration, DcrRule.RENAME_COLLISION, "Service provider " + sp.name()
							+ " cannot be renamed to the software ID " + target + ": " + collision
							+ ". Rename this SP by hand (for example to " + target + "-" + env(registration)
							+ "; `obmigrate check --emit-sql FILE` writes the statements) and restart.");
				}
				if (target.length() > this.rules.nameLimit()) {
					return quarantine(registration, DcrRule.NAME_TOO_LONG, "Software ID " + abbreviateName(target)
							+ " is longer than SP_APP.APP_NAME (" + this.rules.nameLimit() + ").");
				}
				spName = new Replacement(sp.name(), target);
				if (sp.oauthApp() != null && !target.equals(sp.oauthApp().appName())) {
					oauthAppName = new Replacement(sp.oauthApp().appName(), target);
				}
			}
		}

		Replacement grantTypes = null;
		if (sp.oauthApp() == null) {
			notices.add(notice(registration, DcrRule.NO_OAUTH_APP, "no IDN_OAUTH_CONSUMER_APPS row for client ID "
					+ registration.clientId() + ": OAuth app name and grant types left alone"));
		}
		else if (this.rules.fixGrantTypes()) {
			String fixed = fixGrantTypes(sp.oauthApp().grantTypes());
			if (fixed != null) {
				grantTypes = new Replacement(sp.oauthApp().grantTypes(), fixed);
			}
		}

		Replacement script = null;
		if (this.rules.adaptiveScript() != null && sp.script() != null && sp.script().enabled()
				&& sp.script().content() != null && !sp.script().content().isBlank()
				&& !sp.script().content().equals(this.rules.adaptiveScript())) {
			script = new Replacement(sp.script().content(), this.rules.adaptiveScript());
		}

		ServiceProviderChange change = new ServiceProviderChange(registration.id(), sp, renames, additions, spName,
				oauthAppName, grantTypes, script);
		return change.isEmpty() ? new DcrOutcome.Unchanged(notices) : new DcrOutcome.Planned(change, notices);
	}

	/**
	 * suffix-variant-chosen: every property whose name ends exactly in {@code _production} or {@code _sandbox} loses that
	 * suffix, unless the plain name exists already; when both variants exist, the one of the registration's
	 * environment is renamed and the other is left (and reported).
	 */
	private List<PropertyRename> renames(DcrRegistration registration, ServiceProvider sp, List<RowReport> notices) {
		Set<String> existing = new HashSet<>();
		for (ServiceProvider.Property property : sp.properties()) {
			existing.add(upper(property.name()));
		}
		Map<String, List<ServiceProvider.Property>> variants = new HashMap<>();
		Map<String, String> baseNames = new HashMap<>();
		for (ServiceProvider.Property property : sp.properties()) {
			String suffix = suffixOf(property.name());
			if (suffix != null) {
				String base = property.name().substring(0, property.name().length() - suffix.length());
				variants.computeIfAbsent(upper(base), k -> new ArrayList<>()).add(property);
				baseNames.putIfAbsent(upper(base), base);
			}
		}
		List<PropertyRename> renames = new ArrayList<>();
		List<String> bases = new ArrayList<>(variants.keySet());
		bases.sort(Comparator.naturalOrder());
		for (String key : bases) {
			List<ServiceProvider.Property> candidates = variants.get(key);
			String base = baseNames.get(key);
			if (existing.contains(key)) {
				notices.add(notice(registration, DcrRule.SUFFIXED_PROPERTY_KEPT, "property " + base
						+ " exists already: " + names(candidates) + " left as they are"));
				continue;
			}
			ServiceProvider.Property chosen = candidates.size() == 1 ? candidates.get(0) : null;
			if (candidates.size() > 1) {
				String wanted = "_" + env(registration);
				List<ServiceProvider.Property> matching = candidates.stream()
					.filter(p -> p.name().toLowerCase(Locale.ROOT).endsWith(wanted))
					.toList();
				chosen = matching.size() == 1 ? matching.get(0) : null;
				notices.add(notice(registration, DcrRule.SUFFIX_VARIANT_CHOSEN, names(candidates) + " exist; "
						+ (chosen == null ? "none matches SOFTWARE_ENV " + registration.softwareEnv() + ": all left"
								: chosen.name() + " (SOFTWARE_ENV " + registration.softwareEnv() + ") becomes " + base
										+ ", the other is left")));
			}
			if (chosen != null) {
				renames.add(new PropertyRename(chosen, base, newDisplayName(chosen, base)));
			}
		}
		return renames;
	}

	private static String newDisplayName(ServiceProvider.Property property, String base) {
		String display = property.displayName();
		if (display == null || display.equals(property.name())) {
			return base;
		}
		String suffix = suffixOf(display);
		return suffix == null ? display : display.substring(0, display.length() - suffix.length());
	}

	/** Whether an SP still has API Manager's {@code owner_application_KEYTYPE} name. */
	public static boolean isApiManagerName(String name) {
		return name != null && API_MANAGER_NAME.matcher(name).matches();
	}

	/** The name WSO2's migrator would give an SP: the second {@code _} segment. */
	public static String vendorRename(String name) {
		String[] parts = name.split("_");
		return parts.length > 2 ? parts[1] : name;
	}

	static String suffixOf(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		for (String suffix : SUFFIXES) {
			if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
				return name.substring(name.length() - suffix.length());
			}
		}
		return null;
	}

	/**
	 * rename-collision: the new name must be free in the tenant, and when several registrations of one software ID want it, the
	 * production one (then the lowest ID) gets it. Returns why not, or null.
	 */
	private String collision(DcrSource source, ServiceProvider sp, String target) {
		Long holder = source.nameHolders().get(upper(target));
		if (holder != null && holder != sp.id()) {
			return "service provider ID " + holder + " already has that name";
		}
		DcrRegistration self = source.registration();
		for (DcrRegistration other : source.sameSoftware()) {
			if (other.id().equals(self.id()) || !this.rules.migrates(other.status())) {
				continue;
			}
			boolean otherFirst = other.isProduction() != self.isProduction() ? other.isProduction()
					: other.id().compareTo(self.id()) < 0;
			if (otherFirst) {
				return "registration " + other.id() + " (" + other.softwareEnv() + ") of the same software ID takes it";
			}
		}
		return null;
	}

	/** The grant-type fix as a token list: device_code removed, jwt-bearer added next to client_credentials. Null: no change. */
	static String fixGrantTypes(String grantTypes) {
		List<String> before = grantTypes == null || grantTypes.isBlank() ? List.of()
				: List.of(grantTypes.strip().split("\\s+"));
		List<String> after = new ArrayList<>(before);
		after.removeIf(DEVICE_CODE::equals);
		if (after.contains(CLIENT_CREDENTIALS) && !after.contains(JWT_BEARER)) {
			after.add(JWT_BEARER);
		}
		return after.equals(before) ? null : String.join(" ", after);
	}

	private static String env(DcrRegistration registration) {
		return registration.softwareEnv() == null ? "" : registration.softwareEnv().strip().toLowerCase(Locale.ROOT);
	}

	private static String names(List<ServiceProvider.Property> properties) {
		return String.join(" and ", properties.stream().map(ServiceProvider.Property::name).toList());
	}

	private static String upper(String name) {
		return name.toUpperCase(Locale.ROOT);
	}

	private static String abbreviateName(String name) {
		return name.length() <= 60 ? name : name.substring(0, 60) + "...";
	}

	private static DcrOutcome quarantine(DcrRegistration registration, DcrRule rule, String message) {
		return new DcrOutcome.Quarantined(rule, RowReport.quarantined(TABLE, registration.id(), rule, message));
	}

	private static RowReport notice(DcrRegistration registration, DcrRule rule, String message) {
		return RowReport.notice(TABLE, registration.id(), rule, message);
	}

}
