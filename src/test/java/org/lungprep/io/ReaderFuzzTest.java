package org.lungprep.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.core.VolumeInfo;
import org.lungprep.io.metaimage.MetaImageIO;
import org.lungprep.io.nifti.NiftiIO;
import org.lungprep.io.npy.NpyIO;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;
import org.lungprep.testutil.TestData;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * Seeded mutations (bit flips, truncations, huge lengths, wrong VRs) of the real edge-case files and of files our
 * writers make: every run ends in a volume or the project's VolumeIOException, within a bounded time, and never in
 * an OutOfMemoryError (the JVM has a 4 GB heap; a corrupt length of gigabytes must be refused before allocation).
 */
class ReaderFuzzTest {

	@TempDir
	Path tmp;

	private static final int MUTATIONS = 12;

	static byte[] mutate(final byte[] in, final Random r) {
		byte[] b = in.clone();
		switch (r.nextInt(4)) {
			case 0: // bit flips
				for (int k = 1 + r.nextInt(20); k > 0; k--)
					b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
				break;
			case 1: // truncation
				b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
				break;
			case 2: // huge lengths at random places in the first kilobytes
				for (int k = 1 + r.nextInt(4); k > 0; k--) {
					final int p = r.nextInt(Math.max(1, Math.min(b.length, 4096) - 4));
					final int v = r.nextBoolean() ? 0xFFFFFFF0 : 0x7FFFFFF0;
					for (int i = 0; i < 4 && p + i < b.length; i++)
						b[p + i] = (byte) (v >>> (8 * i));
				}
				break;
			default: // wrong VRs: replace two upper-case letters by other ones
				for (int k = 0; k < 30; k++) {
					final int p = r.nextInt(Math.max(1, Math.min(b.length, 4096) - 2));
					if (b[p] >= 'A' && b[p] <= 'Z' && b[p + 1] >= 'A' && b[p + 1] <= 'Z') {
						b[p] = (byte) ('A' + r.nextInt(26));
						b[p + 1] = (byte) ('A' + r.nextInt(26));
					}
				}
		}
		return b;
	}

	private void run(final Path original, final long seed, final Reader reader) throws Exception {
		final byte[] bytes = Files.readAllBytes(original);
		if (bytes.length == 0) return;
		final Random r = new Random(seed);
		for (int m = 0; m < MUTATIONS; m++) {
			final Path f = tmp.resolve("m" + seed + "_" + m + "_" + original.getFileName());
			Files.write(f, mutate(bytes, r));
			assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
				try {
					reader.read(f);
				}
				catch (final VolumeIOException e) {
					assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
				}
			}, () -> "hang on a mutation of " + original);
			Files.delete(f);
		}
	}

	@FunctionalInterface
	interface Reader {
		void read(Path p) throws IOException;
	}

	@Test
	void dicomEdgeCases() throws Exception {
		final List<Path> files;
		try (Stream<Path> s = Files.walk(TestData.get("edge_cases"))) {
			files = s.filter(Files::isRegularFile).filter(p -> p.toString().contains("dicomdir/") == (p.getFileName().toString().startsWith("DICOMDIR")))
				.sorted().collect(Collectors.toList());
		}
		long seed = 1;
		for (final Path f : files)
			run(f, seed++, p -> CtLoader.load(p, LoadOptions.DEFAULT, ProgressListener.NONE));
	}

	@Test
	void volumeFormats() throws Exception {
		final PlanarImg<ShortType, ?> img = Planar.shorts(16, 12, 6);
		final Random r = new Random(2);
		for (final ShortType t : img)
			t.set((short) r.nextInt(3000));
		final Volume<ShortType> v = new Volume<>(img, Geometry.of(0.7, 0.7, 2), VolumeInfo.EMPTY);
		final List<Path> made = new ArrayList<>();
		for (final String n : new String[] { "v.nii", "v.nii.gz", "v.npy", "v.mhd" }) {
			final Path p = tmp.resolve(n);
			if (n.endsWith(".npy")) NpyIO.write(v, p);
			else if (n.endsWith(".mhd")) MetaImageIO.write(v, p);
			else NiftiIO.write(v, p);
			made.add(p);
		}
		run(made.get(0), 11, NiftiIO::read);
		run(made.get(1), 12, NiftiIO::read);
		run(made.get(2), 13, NpyIO::read);
		run(made.get(3), 14, MetaImageIO::read);
	}

	/** The long variant: many more mutations per file. */
	@Test
	@Tag("slow")
	void dicomEdgeCasesLong() throws Exception {
		final List<Path> files;
		try (Stream<Path> s = Files.walk(TestData.get("edge_cases"))) {
			files = s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("dicomdir/")).sorted().collect(Collectors.toList());
		}
		for (int round = 0; round < 8; round++) {
			long seed = 1000 + round * 1000L;
			for (final Path f : files)
				run(f, seed++, p -> CtLoader.load(p, LoadOptions.DEFAULT, ProgressListener.NONE));
		}
	}
}
