package io.obmigrate.dcr;

/**
 * One row of the OB 2.0 DCR registry {@code OB_DCR_DETAILS}: the registration request whose top-level
 * attributes become service-provider properties.
 */
public record DcrRegistration(String id, String tppName, String clientId, String softwareId, String softwareEnv,
		String status, String request) {

	public boolean isProduction() {
		return "production".equalsIgnoreCase(this.softwareEnv == null ? "" : this.softwareEnv.strip());
	}

}
