package org.lungprep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lungprep.phantom.PhantomCase;
import org.lungprep.pipeline.AtomicFiles;
import org.lungprep.pipeline.PreprocessSettings;
import org.lungprep.pipeline.Preprocessor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the main job on a built-in synthetic chest CT, in seconds, with nothing but Java. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = { "Make a synthetic chest CT (written as a real DICOM series into a temporary folder), run preprocess on it,",
		"and print the shapes, spacings, lung volume against the phantom's truth, seconds, and where qc.png is." })
final class DemoCommand implements Callable<Integer> {

	@Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}); replaced if it exists.", defaultValue = "lungprep-demo")
	Path out;

	@Option(names = { "-q", "--quiet" }, description = "No progress bar.")
	boolean quiet;


	@Override
	public Integer call() throws Exception {
		final long t0 = System.nanoTime();
		final PhantomCase phantom = PhantomCommand.build("192,192,64", "5,1.8,1.8", 1);
		final Path tmp = Files.createTempDirectory("lungprep-demo-");
		try {
			final Path phantomDir = tmp.resolve("phantom");
			PhantomCommand.write(phantom, phantomDir, false);
			System.out.println(String.format(Locale.ROOT, "phantom   synthetic chest CT written as %d DICOM files (%.1f s)", phantom.hu().size(2), (System.nanoTime() - t0) / 1e9));
			final Preprocessor.Result r = new Preprocessor(PreprocessSettings.DEFAULT).run(phantomDir.resolve("dicom"), out, true, new TerminalProgress(System.err, quiet));
			System.out.println(PreprocessCommand.summary(r.report(), out));
			@SuppressWarnings("unchecked")
			final Map<String, Object> lungs = (Map<String, Object>) r.report().get("lungs");
			final double found = ((Number) lungs.get("total_ml")).doubleValue();
			System.out.println(String.format(Locale.ROOT, "truth     %.0f mL of lung in the phantom; LungPrep found %.0f mL (%+.1f %%)", phantom.lungMillilitres(), found,
				100 * (found - phantom.lungMillilitres()) / phantom.lungMillilitres()));
			System.out.println("qc        " + out.resolve("qc.png").toAbsolutePath());
			System.out.println(String.format(Locale.ROOT, "demo done in %.1f s", (System.nanoTime() - t0) / 1e9));
		}
		finally {
			AtomicFiles.deleteTree(tmp);
		}
		return 0;
	}

}
