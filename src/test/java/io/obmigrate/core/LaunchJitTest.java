package io.obmigrate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's JIT choice is remembered from the source's size: the quick JIT below 250,000 consents, the optimising
 * compiler from there on; a home that cannot be written costs only the choice.
 */
class LaunchJitTest {

	@TempDir
	Path home;

	@Test
	void theChoiceFollowsTheSourcesSize() throws Exception {
		Path file = this.home.resolve("obmigrate-home").resolve(LaunchJit.FILE);
		LaunchJit.remember(file.getParent().toString(), 100_000);
		assertThat(Files.readString(file)).isEqualTo("quick\n");
		LaunchJit.remember(file.getParent().toString(), 1_000_000);
		assertThat(Files.readString(file)).isEqualTo("optimising\n");
		LaunchJit.remember(file.getParent().toString(), LaunchJit.QUICK_BELOW - 1);
		assertThat(Files.readString(file)).isEqualTo("quick\n");
		LaunchJit.remember(file.getParent().toString(), LaunchJit.QUICK_BELOW);
		assertThat(Files.readString(file)).isEqualTo("optimising\n");
		try (var left = Files.list(file.getParent())) {
			assertThat(left.map(path -> path.getFileName().toString())).containsExactly(LaunchJit.FILE);
		}
	}

	@Test
	void aHomeThatCannotBeWrittenIsNoFailure() throws Exception {
		Path notAFolder = Files.writeString(this.home.resolve("a-file"), "x");
		LaunchJit.remember(notAFolder.toString(), 10);
		assertThat(Files.readString(notAFolder)).isEqualTo("x");
	}

}
