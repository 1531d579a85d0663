package io.obmigrate;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.obmigrate.cli.ObmigrateCli;

/** obmigrate: WSO2 Open Banking 2.0.0 (UK) to Open Banking 3.0.0 data migration. */
@SpringBootApplication
public class ObmigrateApplication {

	public static void main(String[] args) {
		System.exit(ObmigrateCli.execute(args));
	}

}
