package org.lungprep.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lungprep.normalize.CohortMean;
import org.lungprep.pipeline.AtomicFiles;

/** The cohort mean file ({@code mean.json}) written by {@code batch --compute-mean} and read by {@code --mean}. */
final class MeanFile {

	private static final Pattern MEAN = Pattern.compile("\"mean\"\\s*:\\s*([-+0-9.eE]+)");

	private MeanFile() { }

	/** @return the number, or the mean stored in the named mean.json */
	static double parse(final String valueOrFile) throws IOException {
		try {
			return Double.parseDouble(valueOrFile.trim());
		}
		catch (final NumberFormatException notANumber) {
			final Path p = Paths.get(valueOrFile);
			if (!Files.isRegularFile(p)) throw new IOException("--mean: '" + valueOrFile + "' is neither a number nor a mean.json file");
			final Matcher m = MEAN.matcher(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
			if (!m.find()) throw new IOException(p + ": no \"mean\" value (expected a mean.json written by batch --compute-mean)");
			return Double.parseDouble(m.group(1));
		}
	}

	static void write(final Path file, final CohortMean m, final double clipMin, final double clipMax) throws IOException {
		AtomicFiles.writeString(file, String.format(Locale.ROOT,
			"{%n  \"mean\": %.9f,%n  \"voxels\": %d,%n  \"volumes\": %d,%n  \"clip\": [%s, %s],%n"
				+ "  \"about\": \"mean of the clipped values scaled to 0..1 over all resampled voxels of the cohort; use with --mean\"%n}%n",
			m.mean(), m.voxels(), m.volumes(), clipMin, clipMax));
	}
}
