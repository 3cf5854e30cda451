package org.lungprep.testutil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assumptions;

/** Locates ../shared/data; skips (fresh clone) or fails (CI, LUNGPREP_REQUIRE_DATA=1) when it is missing. */
public final class TestData {
	private TestData() { }

	/** @return the data root, e.g. ../shared/data */
	public static Path root() {
		final String env = System.getenv("LUNGPREP_DATA");
		final Path p = env != null && !env.isEmpty() ? Paths.get(env) : Paths.get("..", "shared", "data");
		if (!Files.isDirectory(p)) {
			final String msg = "test data not found at " + p.toAbsolutePath() + " (set LUNGPREP_DATA or place shared/data beside the checkout)";
			if ("1".equals(System.getenv("LUNGPREP_REQUIRE_DATA"))) throw new AssertionError(msg);
			System.out.println("SKIPPED: " + msg);
			Assumptions.assumeTrue(false, msg);
		}
		return p;
	}

	/** @return a path under the data root, which must exist */
	public static Path get(final String relative) {
		final Path p = root().resolve(relative);
		if (!Files.exists(p)) throw new AssertionError("expected test data missing: " + p.toAbsolutePath());
		return p;
	}

	/** @return the CPTAC chest series folder */
	public static Path cptac() { return get("chest_ct/cptac-lscc_C3N-00247_lung3mm"); }
}
