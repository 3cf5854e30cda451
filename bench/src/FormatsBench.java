import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lungprep.core.Volume;
import org.lungprep.io.metaimage.MetaImageIO;
import org.lungprep.io.nifti.NiftiIO;
import org.lungprep.io.npy.NpyIO;
import org.lungprep.io.tiff.ImageJTiffWriter;

/**
 * Writing and reading the reference's HU volume (CPTAC, 99 x 512 x 512 int16, 52 MB) in every output format. The
 * reference side is numpy's np.save / np.load of the same array (best of 5), measured by running python3 from this
 * program; NIfTI, MetaImage and TIFF have no reference (nibabel/SimpleITK are not installed) and print NA.
 * Args: report.json (unused), the reference's hu.npy.
 */
public class FormatsBench {

	public static void main(final String[] args) throws Exception {
		final Path huNpy = Paths.get(args.length > 1 ? args[1] : "/tmp/ref_cptac/hu.npy");
		final Volume<?> hu = NpyIO.read(huNpy);
		final Path dir = Files.createTempDirectory("lungprep-formats-bench");
		try {
			final double[] ref = numpy(huNpy, dir);
			print("npy_write", best(() -> { NpyIO.write(hu, dir.resolve("a.npy")); return null; }), ref[0]);
			print("npy_read", best(() -> NpyIO.read(dir.resolve("a.npy"))), ref[1]);
			print("nii_write", best(() -> { NiftiIO.write(hu, dir.resolve("a.nii")); return null; }), Double.NaN);
			print("nii_read", best(() -> NiftiIO.read(dir.resolve("a.nii"))), Double.NaN);
			print("nii_gz_write", best(() -> { NiftiIO.write(hu, dir.resolve("a.nii.gz")); return null; }), Double.NaN);
			print("nii_gz_read", best(() -> NiftiIO.read(dir.resolve("a.nii.gz"))), Double.NaN);
			print("mhd_write", best(() -> { MetaImageIO.write(hu, dir.resolve("a.mhd")); return null; }), Double.NaN);
			print("mhd_read", best(() -> MetaImageIO.read(dir.resolve("a.mhd"))), Double.NaN);
			print("tif_write", best(() -> { ImageJTiffWriter.write(hu, dir.resolve("a.tif")); return null; }), Double.NaN);
		}
		finally {
			try (java.util.stream.Stream<Path> s = Files.list(dir)) {
				for (final Path p : (Iterable<Path>) s::iterator)
					Files.delete(p);
			}
			Files.delete(dir);
		}
	}

	/** best of 5 after 2 warm-up runs */
	private static double best(final Callable<?> task) throws Exception {
		double best = Double.MAX_VALUE;
		for (int i = 0; i < 7; i++) {
			final long t0 = System.nanoTime();
			task.call();
			final double s = (System.nanoTime() - t0) / 1e9;
			if (i >= 2) best = Math.min(best, s);
		}
		return best;
	}

	/** @return {np.save seconds, np.load seconds}, best of 5, or NaN when python3/numpy is missing */
	private static double[] numpy(final Path huNpy, final Path dir) {
		final String py = "import numpy as np, time\n"
			+ "a = np.load('" + huNpy + "')\n"
			+ "def best(f):\n"
			+ "    b = 1e9\n"
			+ "    for _ in range(5):\n"
			+ "        t = time.perf_counter(); f(); b = min(b, time.perf_counter() - t)\n"
			+ "    return b\n"
			+ "p = '" + dir.resolve("ref.npy") + "'\n"
			+ "print(best(lambda: np.save(p, a)), best(lambda: np.load(p)))\n";
		try {
			final Process p = new ProcessBuilder(System.getenv().getOrDefault("PYTHON", "/usr/bin/python3"), "-c", py).redirectErrorStream(true).start();
			final String out = new String(p.getInputStream().readAllBytes(), "UTF-8").trim();
			if (p.waitFor() != 0) return new double[] { Double.NaN, Double.NaN };
			final String[] parts = out.split("\\s+");
			return new double[] { Double.parseDouble(parts[0]), Double.parseDouble(parts[1]) };
		}
		catch (final Exception e) {
			return new double[] { Double.NaN, Double.NaN };
		}
	}

	private static void print(final String stage, final double lungprep, final double reference) {
		if (Double.isNaN(reference)) System.out.println(String.format(Locale.ROOT, "stage %s lungprep_s=%.4f reference_s=NA ratio=NA", stage, lungprep));
		else System.out.println(String.format(Locale.ROOT, "stage %s lungprep_s=%.4f reference_s=%.4f ratio=%.1f", stage, lungprep, reference, reference / lungprep));
	}
}
