package io.obmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/launch.sh (the image's entry point and ./obmigrate's) gives commands that answer and exit the quick JIT alone
 * and the serial collector, and commands that move data the optimising compiler for their hot code and the throughput
 * collector; JAVA_OPTS comes after and wins. Run with a stand-in {@code java} that prints the options it was given.
 */
class LaunchScriptTest {

	private static final String QUICK = "-XX:TieredStopAtLevel=1";

	private static final String HOT_CODE = "-XX:Tier4InvocationThreshold=50000";

	@TempDir
	Path dir;

	@Test
	void commandsThatAnswerGetTheQuickJit() throws Exception {
		for (String command : List.of("status", "stop", "abandon", "plan", "--help", "check")) {
			String line = launch(Map.of(), command);
			assertThat(line).as(command).contains(QUICK).doesNotContain(HOT_CODE).contains("-Xmx512m");
		}
	}

	@Test
	void commandsThatMoveDataGetTheOptimisingCompilerForHotCode() throws Exception {
		for (String command : List.of("run consent", "restart consent", "rehearse", "generate --consents 10",
				"--config=obmigrate.yml run consent", "--config obmigrate.yml run consent")) {
			String line = launch(Map.of(), command.split(" "));
			assertThat(line).as(command).contains(HOT_CODE).doesNotContain(QUICK);
			assertThat(line).as(command).endsWith(command);
		}
		assertThat(launch(Map.of(), "--config", "run", "status")).as("a file named run").contains(QUICK);
	}

	@Test
	void commandsThatMoveDataGetTheThroughputCollectorUnlessJavaOptsChoseOne() throws Exception {
		assertThat(launch(Map.of(), "run", "consent")).contains("-XX:+UseParallelGC", "-XX:NewRatio=1",
				"-XX:MetaspaceSize=64m", "-XX:InitialTenuringThreshold=1 -XX:MaxTenuringThreshold=1");
		assertThat(launch(Map.of(), "status")).doesNotContain("-XX:+UseParallelGC").doesNotContain("NewRatio")
			.doesNotContain("MetaspaceSize")
			.doesNotContain("TenuringThreshold");
		String chosen = launch(Map.of("JAVA_OPTS", "-Xmx1g -XX:+UseG1GC"), "run", "consent");
		assertThat(chosen).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseParallelGC");
	}

	@Test
	void commandsThatAnswerGetTheSerialCollectorUnlessJavaOptsChoseOne() throws Exception {
		for (String command : List.of("status", "stop", "abandon", "--help", "check")) {
			assertThat(launch(Map.of(), command)).as(command).contains("-XX:+UseSerialGC");
		}
		assertThat(launch(Map.of(), "run", "consent")).doesNotContain("-XX:+UseSerialGC");
		String chosen = launch(Map.of("JAVA_OPTS", "-Xmx1g -XX:+UseG1GC"), "status");
		assertThat(chosen).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
	}

	/**
	 * A source obmigrate last counted under 250,000 consents ({@code launch.jit} in its home says {@code quick}) gets
	 * the quick JIT for the commands that move data too, with their collector; any other word, or no file, the
	 * optimising compiler for hot code. The home is OBMIGRATE_HOME, else ./.obmigrate.
	 */
	@Test
	void aSmallSourceGetsTheQuickJitForCommandsThatMoveData() throws Exception {
		Path home = Files.createDirectories(this.dir.resolve("home"));
		Map<String, String> environment = Map.of("OBMIGRATE_HOME", home.toString());
		assertThat(launch(environment, "run", "consent")).contains(HOT_CODE).doesNotContain(QUICK);
		Files.writeString(home.resolve("launch.jit"), "quick\n");
		for (String command : List.of("run consent", "restart consent", "rehearse", "generate --consents 10")) {
			assertThat(launch(environment, command.split(" "))).as(command).contains(QUICK)
				.doesNotContain(HOT_CODE)
				.contains("-XX:+UseParallelGC", "-XX:NewRatio=1");
		}
		assertThat(launch(environment, "status")).contains(QUICK).contains("-XX:+UseSerialGC");
		Files.writeString(home.resolve("launch.jit"), "optimising\n");
		assertThat(launch(environment, "run", "consent")).contains(HOT_CODE).doesNotContain(QUICK);
		Files.writeString(home.resolve("launch.jit"), "quick\n");
		assertThat(launch(Map.of(), "run", "consent")).as("another home").contains(HOT_CODE);
	}

	@Test
	void javaOptsComeAfterAndReplaceTheDefaultHeap() throws Exception {
		String line = launch(Map.of("JAVA_OPTS", "-Xmx2g -XX:TieredStopAtLevel=1"), "run", "consent");
		assertThat(line).doesNotContain("-Xmx512m");
		assertThat(line.indexOf("-XX:TieredStopAtLevel=1")).isGreaterThan(line.indexOf(HOT_CODE));
	}

	/**
	 * An archive recorded in another directory is not given to Java (which would drop it, and with it the classes of
	 * its own archive): the command says how to record it again.
	 */
	@Test
	void anArchiveRecordedElsewhereIsNamedWithHowToRecordItAgain() throws Exception {
		Path app = Files.createDirectories(this.dir.resolve("app"));
		Files.writeString(app.resolve("obmigrate.jsa"), "archive");
		Files.writeString(app.resolve("obmigrate.jsa.where"), "/opt/somewhere-else\n");
		assertThat(launch(Map.of(), "status")).contains("recorded in /opt/somewhere-else")
			.contains("deploy/cds.sh --record " + app)
			.doesNotContain("-XX:SharedArchiveFile");
		Files.writeString(app.resolve("obmigrate.jsa.where"), app.toRealPath() + "\n");
		assertThat(launch(Map.of(), "status")).doesNotContain("recorded in")
			.contains("-XX:SharedArchiveFile=" + app.resolve("obmigrate.jsa"));
	}

	/**
	 * An archive recorded with another Java (another directory, or the same one upgraded) is not given to this one, and
	 * the command says so; one recorded with this Java, or before obmigrate noted which (no file), is.
	 */
	@Test
	void anArchiveRecordedWithAnotherJavaIsLeftAside() throws Exception {
		Path app = Files.createDirectories(this.dir.resolve("app"));
		Files.writeString(app.resolve("obmigrate.jsa"), "archive");
		Files.writeString(app.resolve("obmigrate.jsa.where"), app.toRealPath() + "\n");
		String thisJava = javaIdentity();
		assertThat(thisJava).startsWith(this.dir.toRealPath().toString());
		Files.writeString(app.resolve("obmigrate.jsa.java"), thisJava + "\n");
		assertThat(launch(Map.of(), "status")).doesNotContain("recorded with")
			.contains("-XX:SharedArchiveFile=" + app.resolve("obmigrate.jsa"));
		Files.writeString(app.resolve("obmigrate.jsa.java"), "/usr/lib/jvm/java-17 JAVA_VERSION=\"17.0.14\"\n");
		assertThat(launch(Map.of(), "status"))
			.contains("recorded with the Java in /usr/lib/jvm/java-17 JAVA_VERSION=\"17.0.14\", not with " + thisJava)
			.contains("deploy/cds.sh --record " + app)
			.doesNotContain("-XX:SharedArchiveFile");
		Files.delete(app.resolve("obmigrate.jsa.java"));
		assertThat(launch(Map.of(), "status")).contains("-XX:SharedArchiveFile=" + app.resolve("obmigrate.jsa"));
	}

	/**
	 * The archive is mapped where it was written (no relocation of its pointers at each start), and JAVA_OPTS, which
	 * come after, can give Java's default back; without an archive the option is not given.
	 */
	@Test
	void theArchiveIsMappedWhereItWasWrittenUnlessJavaOptsSayOtherwise() throws Exception {
		String plain = launch(Map.of(), "--help");
		assertThat(plain).doesNotContain("ArchiveRelocationMode");
		Path app = Files.createDirectories(this.dir.resolve("app"));
		Files.writeString(app.resolve("obmigrate.jsa"), "archive");
		Files.writeString(app.resolve("obmigrate.jsa.where"), app.toRealPath() + "\n");
		String line = launch(Map.of("JAVA_OPTS", "-Xmx1g -XX:ArchiveRelocationMode=1"), "--help");
		assertThat(line).contains("-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0");
		assertThat(line.lastIndexOf("-XX:ArchiveRelocationMode=1"))
			.isGreaterThan(line.indexOf("-XX:ArchiveRelocationMode=0"));
	}

	/**
	 * ./obmigrate records the archive again when it was recorded with another Java than the one now on the PATH, and
	 * leaves it alone otherwise. Run on a copy of the script with a stand-in deploy/cds.sh and java.
	 */
	@Test
	void theFrontScriptRecordsTheArchiveAgainForAnotherJava() throws Exception {
		Path checkout = Files.createDirectories(this.dir.resolve("checkout"));
		Path deploy = Files.createDirectories(checkout.resolve("deploy"));
		Files.copy(Path.of("obmigrate"), checkout.resolve("obmigrate"));
		Files.copy(Path.of("deploy/launch.sh"), deploy.resolve("launch.sh"));
		Files.writeString(deploy.resolve("cds.sh"), "#!/bin/sh\necho \"cds.sh $*\" >> \"$RECORD/cds-calls.txt\"\n");
		for (String script : List.of("obmigrate", "deploy/launch.sh", "deploy/cds.sh")) {
			Files.setPosixFilePermissions(checkout.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
		}
		Files.createDirectories(checkout.resolve("src"));
		Path cds = Files.createDirectories(checkout.resolve("target/obmigrate-cds"));
		Files.writeString(checkout.resolve("target/obmigrate.jar"), "jar");
		Files.writeString(cds.resolve("obmigrate.jar"), "jar");
		Files.writeString(cds.resolve("obmigrate.jsa"), "archive");
		Files.writeString(cds.resolve("obmigrate.jsa.where"), cds.toRealPath() + "\n");
		Files.writeString(cds.resolve("obmigrate.jsa.java"), javaIdentity() + "\n");
		String same = frontScript(checkout, "status");
		assertThat(same).doesNotContain("recording").contains("-XX:SharedArchiveFile=");
		assertThat(this.dir.resolve("cds-calls.txt")).doesNotExist();

		Files.writeString(cds.resolve("obmigrate.jsa.java"), "/usr/lib/jvm/java-17 JAVA_VERSION=\"17.0.14\"\n");
		String other = frontScript(checkout, "status");
		assertThat(other).contains("recording the class-data-sharing archive again for the Java in " + javaIdentity());
		assertThat(this.dir.resolve("cds-calls.txt")).content().isEqualToIgnoringNewLines("cds.sh --record " + cds);
	}

	/** ./obmigrate of {@code checkout} with the stand-in java that prints its arguments. */
	private String frontScript(Path checkout, String... arguments) throws IOException, InterruptedException {
		javaIdentity(); // writes the stand-in java
		List<String> command = new ArrayList<>(List.of("bash", checkout.resolve("obmigrate").toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PATH", this.dir.resolve("bin") + ":" + System.getenv("PATH"));
		builder.environment().put("RECORD", this.dir.toString());
		builder.environment().remove("JAVA_OPTS");
		builder.environment().remove("OBMIGRATE_HOME");
		builder.directory(this.dir.toFile());
		return output(builder);
	}

	/**
	 * The training start lists the classes it loads, without the user's settings, then Java writes them into the
	 * archive; beside it, where and with which Java it was recorded.
	 */
	@Test
	void theArchiveIsTrainedByTheTrainingStartWithoutTheUsersSettings() throws Exception {
		Path app = this.dir.resolve("app");
		String output = cds(Map.of("OBMIGRATE_OB_URL", "jdbc:mysql://bank/openbank_openbankingdb",
				"OBMIGRATE_CONSENT_PARTITIONS", "8"), app);
		assertThat(Files.readString(this.dir.resolve("training.txt"))).contains("cds-training")
			.contains("-XX:DumpLoadedClassList=")
			.doesNotContain("OBMIGRATE_OB_URL", "OBMIGRATE_CONSENT_PARTITIONS")
			.contains("OBMIGRATE_HOME=");
		assertThat(Files.readString(this.dir.resolve("dump.txt"))).contains("-Xshare:dump")
			.contains("-XX:SharedClassListFile=")
			.contains("-XX:SharedArchiveFile=" + app.toRealPath().resolve("obmigrate.jsa"))
			.contains("-jar " + app.toRealPath().resolve("obmigrate.jar"))
			.contains("classes listed: 2");
		assertThat(output).doesNotContain("ended with exit").doesNotContain("no archive");
		assertThat(app.resolve("obmigrate.jsa.where")).content().isEqualToIgnoringNewLines(app.toRealPath().toString());
		assertThat(app.resolve("obmigrate.jsa.java")).content().startsWith(this.dir.toRealPath().toString());

		// a training that fails still leaves the classes it loaded, and says so
		output = cds(Map.of("FAKE_EXIT", "1"), app);
		assertThat(output).contains("the training start ended with exit 1").contains("demo exit 1");
		assertThat(app.resolve("obmigrate.jsa")).exists();

		// Java refusing to write the archive leaves none, and says so
		output = cds(Map.of("FAKE_DUMP_EXIT", "1"), app);
		assertThat(output).contains("Java could not write the archive (Error: no room)")
			.contains("no archive recorded");
		assertThat(app.resolve("obmigrate.jsa")).doesNotExist();
		assertThat(app.resolve("obmigrate.jsa.java")).doesNotExist();
	}

	/**
	 * deploy/cds.sh with a stand-in java: an empty jar; the training lists two classes and records its arguments and
	 * settings in training.txt, the dump its arguments in dump.txt.
	 */
	private String cds(Map<String, String> environment, Path app) throws IOException, InterruptedException {
		Path bin = Files.createDirectories(this.dir.resolve("bin"));
		Path java = bin.resolve("java");
		Files.writeString(java, """
				#!/bin/sh
				case "$1" in
				  -Djarmode=tools) mkdir -p "$6" && touch "$6/obmigrate.jar"; exit 0 ;;
				  -Xshare:dump)
				    list="$(echo "$@" | sed 's/.*-XX:SharedClassListFile=\\([^ ]*\\).*/\\1/')"
				    archive="$(echo "$@" | sed 's/.*-XX:SharedArchiveFile=\\([^ ]*\\).*/\\1/')"
				    { echo "$@"; echo "classes listed: $(wc -l < "$list")"; } > "$RECORD/dump.txt"
				    [ "${FAKE_DUMP_EXIT:-0}" = 0 ] || { echo "Error: no room"; exit "$FAKE_DUMP_EXIT"; }
				    touch "$archive"; exit 0 ;;
				esac
				list="$(echo "$@" | sed 's/.*-XX:DumpLoadedClassList=\\([^ ]*\\).*/\\1/')"
				{ echo "$@"; env | grep '^OBMIGRATE_' | cut -d= -f1,1 | sed 's/$/=/'; } > "$RECORD/training.txt"
				printf 'java/lang/Object id: 0\\npicocli/CommandLine id: 1\\n' > "$list"
				echo "cds-training: demo exit ${FAKE_EXIT:-0}, status exit 0, 3 listed classes loaded, 0 missing"
				exit "${FAKE_EXIT:-0}"
				""");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path jar = Files.writeString(this.dir.resolve("obmigrate.jar"), "jar");
		ProcessBuilder builder = new ProcessBuilder("bash", Path.of("deploy/cds.sh").toAbsolutePath().toString(),
				jar.toString(), app.toString()).redirectErrorStream(true);
		builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
		builder.environment().put("RECORD", this.dir.toString());
		builder.environment().putAll(environment);
		return output(builder);
	}

	private String launch(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
		Path app = Files.createDirectories(this.dir.resolve("app"));
		List<String> command = new ArrayList<>(List.of(app.toString()));
		command.addAll(List.of(arguments));
		return launchScript(environment, command);
	}

	/** What deploy/launch.sh --java-identity says of the stand-in java. */
	private String javaIdentity() throws IOException, InterruptedException {
		return launchScript(Map.of(), List.of("--java-identity"));
	}

	/** deploy/launch.sh with a stand-in java that prints its arguments. */
	private String launchScript(Map<String, String> environment, List<String> arguments)
			throws IOException, InterruptedException {
		Path bin = Files.createDirectories(this.dir.resolve("bin"));
		Path java = bin.resolve("java");
		Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		List<String> command = new ArrayList<>(List.of("sh", Path.of("deploy/launch.sh").toAbsolutePath().toString()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
		builder.environment().remove("JAVA_OPTS");
		builder.environment().remove("OBMIGRATE_HOME");
		builder.directory(this.dir.toFile()); // its ./.obmigrate holds no launch.jit
		builder.environment().putAll(environment);
		return output(builder);
	}

	/** Runs the script, expecting exit 0, and returns what it printed. */
	private static String output(ProcessBuilder builder) throws IOException, InterruptedException {
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

}
