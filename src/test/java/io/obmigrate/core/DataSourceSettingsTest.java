package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataSourceSettingsTest {

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', value = {
			"jdbc:h2:mem:obmigrate | true",
			"jdbc:h2:file:/var/lib/obmigrate/jobrepo;AUTO_SERVER=TRUE | true",
			"jdbc:h2:tcp://localhost/~/test | true",
			"jdbc:h2:tcp://db.example.com:9092/~/test | false",
			"jdbc:mysql://127.0.0.1:3306/openbank_openbankingdb | true",
			"jdbc:mysql://localhost/openbank_openbankingdb?useSSL=false | true",
			"jdbc:mariadb://LOCALHOST:3306/ob | true",
			"jdbc:mysql:///openbank_openbankingdb | true",
			"jdbc:mysql://db1.example.com:3306,127.0.0.1:3306/ob | false",
			"jdbc:mysql://10.0.0.7:3306/ob | false",
			"jdbc:postgresql://127.0.0.1:5432/ob | true",
			"jdbc:postgresql://[::1]:5432/ob | true",
			"jdbc:postgresql:ob | true",
			"jdbc:postgresql://pg.internal/ob | false",
			"jdbc:postgresql://127.example.com/ob | false",
			"jdbc:sqlserver://localhost:1433;databaseName=ob | true",
			"jdbc:sqlserver://localhost\\SQLEXPRESS;databaseName=ob | true",
			"jdbc:sqlserver://;serverName=127.0.0.1;databaseName=ob | true",
			"jdbc:sqlserver://;serverName=sql.example.com;databaseName=ob | false",
			"jdbc:sqlserver://sql.example.com:1433;databaseName=ob | false",
			"jdbc:oracle:thin:@localhost:1521:XE | true",
			"jdbc:oracle:thin:@//127.0.0.1:1521/FREEPDB1 | true",
			"jdbc:oracle:thin:@//ora.example.com:1521/OB | false",
			"jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=localhost)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=OB))) | true",
			"jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST = ora.example.com)(PORT=1521))) | false",
			"jdbc:oracle:thin:@obprod | false" })
	void aDatabaseOnThisMachineIsEmbeddedOrAtALoopbackAddress(String url, boolean onThisMachine) {
		DataSourceSettings settings = new DataSourceSettings();
		settings.setUrl(url);
		assertThat(settings.runsOnThisMachine()).isEqualTo(onThisMachine);
	}

}
