package org.lungprep.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The LungPrep version, from the build (written into reports). */
public final class LungPrepVersion {

	private static final String VERSION = load();

	private LungPrepVersion() { }

	/** @return e.g. "0.1.0-SNAPSHOT", or "unknown" when run from unfiltered sources */
	public static String get() { return VERSION; }

	private static String load() {
		try (InputStream in = LungPrepVersion.class.getResourceAsStream("/org/lungprep/version.properties")) {
			if (in == null) return "unknown";
			final Properties p = new Properties();
			p.load(in);
			final String v = p.getProperty("version", "unknown");
			return v.startsWith("${") ? "unknown" : v;
		}
		catch (final IOException e) {
			return "unknown";
		}
	}
}
