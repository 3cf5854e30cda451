package org.lungprep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lungprep.io.dicom.DicomWriter;
import org.lungprep.io.npy.NpyIO;
import org.lungprep.phantom.ChestPhantom;
import org.lungprep.phantom.PhantomCase;
import org.lungprep.pipeline.AtomicFiles;
import org.lungprep.pipeline.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code phantom <outdir>}: a synthetic chest CT as a real DICOM series, with its known lung mask. */
@Command(name = "phantom", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = { "Write a synthetic chest CT as a DICOM series (GE-style encoding: signed, intercept -1024, raw -2000 padding outside a circular",
		"field of view; body, table, two lungs with vessels, a juxtapleural nodule, trachea and bronchi, spine) into OUTDIR/dicom,",
		"with the true lung labels in OUTDIR/lungs_truth.npy (uint8, (z, y, x), 1 = right, 2 = left) and OUTDIR/phantom.json." })
final class PhantomCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "OUTDIR", description = "Output folder (must not exist unless --overwrite)")
	Path out;

	@Option(names = "--size", paramLabel = "X,Y,Z", description = "Voxels per axis, (x,y,z) (default: ${DEFAULT-VALUE}).", defaultValue = "192,192,64")
	String size;

	@Option(names = "--spacing", paramLabel = "Z,Y,X", description = "Voxel spacing in mm, (z,y,x) (default: ${DEFAULT-VALUE}).", defaultValue = "5,1.8,1.8")
	String spacing;

	@Option(names = "--seed", description = "Random seed of the vessels (default: ${DEFAULT-VALUE}).", defaultValue = "1")
	long seed;

	@Option(names = "--overwrite", description = "Replace an existing output folder.")
	boolean overwrite;


	@Override
	public Integer call() throws Exception {
		final PhantomCase phantom = build(size, spacing, seed);
		write(phantom, out, overwrite);
		System.out.println(String.format(Locale.ROOT, "phantom: %s, lungs %.0f mL (truth) -> %s", Texts.zyx(phantom.hu().shapeZyx()),
			phantom.lungMillilitres(), out.toAbsolutePath()));
		return 0;
	}

	static PhantomCase build(final String size, final String spacing, final long seed) {
		final double[] s = Texts.doubles(size, "--size");
		final double[] sp = Texts.doubles(spacing, "--spacing");
		if (s.length != 3 || sp.length != 3) throw new IllegalArgumentException("--size needs X,Y,Z and --spacing Z,Y,X");
		for (final double v : s)
			if (v < 16 || v > 1024 || v != Math.rint(v)) throw new IllegalArgumentException("--size: each axis must be a whole number 16..1024, got '" + size + "'");
		return ChestPhantom.builder().shape((int) s[0], (int) s[1], (int) s[2]).spacing(sp[2], sp[1], sp[0]).seed(seed).build();
	}

	/** Writes the phantom's DICOM series, truth mask and description, atomically. */
	static void write(final PhantomCase phantom, final Path out, final boolean overwrite) throws IOException {
		if (Files.exists(out) && !overwrite) throw new IOException(out + ": exists (use --overwrite to replace it)");
		final Path parent = out.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		final Path tmp = AtomicFiles.createUniqueDirectory(parent, "." + out.getFileName() + ".partial-");
		try {
			DicomWriter.writeSeries(phantom.hu(), phantom.outsideFov(), tmp.resolve("dicom"), "LUNGPREP-PHANTOM", "LungPrep synthetic chest CT");
			NpyIO.write(phantom.lungLabels(), tmp.resolve("lungs_truth.npy"));
			final java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
			m.put("shape_zyx", phantom.hu().shapeZyx());
			m.put("spacing_zyx", phantom.hu().spacingZyx());
			m.put("lung_ml", phantom.lungMillilitres());
			m.put("about", "synthetic chest CT made by lungprep phantom; lungs_truth.npy: 0 background, 1 right lung, 2 left lung");
			AtomicFiles.writeString(tmp.resolve("phantom.json"), Json.write(m) + "\n");
			AtomicFiles.publishFolder(tmp, out, overwrite);
		}
		finally {
			if (Files.exists(tmp)) AtomicFiles.deleteTree(tmp);
		}
	}
}
