package io.obmigrate.verify;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the verify job ({@code obmigrate.verify.*}). */
@ConfigurationProperties("obmigrate.verify")
public class VerifyProperties {

	/** Partitions per verified job (consent: per consent type), each with its own connections and checkpoint. */
	private int partitions = 4;

	/** Source keys (consents, registrations, reporting rows) verified per page; each page is one checkpoint. */
	private int pageSize = 500;

	public int getPartitions() {
		return this.partitions;
	}

	public void setPartitions(int partitions) {
		this.partitions = partitions;
	}

	public int getPageSize() {
		return this.pageSize;
	}

	public void setPageSize(int pageSize) {
		this.pageSize = pageSize;
	}

}
