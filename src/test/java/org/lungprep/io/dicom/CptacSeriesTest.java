package org.lungprep.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.StoredVolume;
import org.lungprep.core.Volume;
import org.lungprep.hu.HounsfieldConverter;
import org.lungprep.hu.HuOptions;
import org.lungprep.testutil.TestData;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.parallel.Parallelization;
import net.imglib2.type.numeric.integer.ShortType;

/**
 * The real CPTAC chest series: 99 slices, spacing from the positions, HU identical voxel for voxel to pydicom + the
 * tutorial's get_pixels_hu. The expected per-slice CRC32s, sums and ranges in cptac_hu_per_slice.txt were made once
 * with the tutorial's own code (see the header of that file).
 */
class CptacSeriesTest {

	static Volume<ShortType> hu;
	static DicomSeries series;

	@BeforeAll
	static void load() throws IOException {
		final Path dir = TestData.cptac();
		final DicomScan scan = DicomScanner.scan(dir, false, ProgressListener.NONE);
		series = scan.select(null);
		hu = HounsfieldConverter.toHu(DicomSeriesReader.read(series, DicomReadOptions.DEFAULT, ProgressListener.NONE), HuOptions.DEFAULT,
			ProgressListener.NONE);
	}

	@Test
	void shapeSpacingAndGeometry() {
		assertEquals(java.util.Set.of("1.2.840.10008.1.2.1"), series.transferSyntaxes());
		assertArrayEquals(new long[] { 99, 512, 512 }, hu.shapeZyx());
		assertArrayEquals(new double[] { 3.0, 0.564453125, 0.564453125 }, hu.spacingZyx(), 1e-9);
		assertTrue(hu.info().warnings().isEmpty(), hu.info().warnings().toString());
		// z grows from -288 to +6 mm (the MANIFEST): origin at the lowest slice, z axis pointing +z (superior in LPS)
		assertEquals(-288.0, hu.geometry().origin()[2], 1e-6);
		assertEquals(1.0, hu.geometry().direction()[8], 1e-9);
		assertEquals(6.0, hu.geometry().toPhysical(new double[] { 0, 0, 98 })[2], 1e-6);
		assertEquals("CT", hu.info().modality());
		assertTrue(hu.info().seriesUid().startsWith("1."), hu.info().seriesUid());
	}

	@Test
	void huIdenticalToTheTutorial() throws IOException {
		final List<long[]> expected = expected();
		assertEquals(99, expected.size());
		final PlanarImg<ShortType, ?> img = Planar.asShorts(hu.image());
		final ByteBuffer bytes = ByteBuffer.allocate(512 * 512 * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (int z = 0; z < 99; z++) {
			final short[] px = Planar.plane(img, z);
			bytes.clear();
			bytes.asShortBuffer().put(px);
			final CRC32 crc = new CRC32();
			crc.update(bytes.array());
			long sum = 0, sq = 0, min = Long.MAX_VALUE, max = Long.MIN_VALUE;
			for (final short v : px) {
				sum += v;
				sq += (long) v * v;
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
			final long[] e = expected.get(z);
			assertArrayEquals(new long[] { e[2], e[3], e[4], e[5] }, new long[] { sum, sq, min, max }, "sum, sum of squares, min, max of slice " + z);
			assertEquals(e[1], crc.getValue(), "CRC32 of slice " + z);
		}
	}

	@Test
	void singleAndMultiThreadedReadsAreIdentical() throws IOException {
		final StoredVolume[] single = { null };
		Parallelization.runSingleThreaded(() -> {
			try {
				single[0] = DicomSeriesReader.read(series, DicomReadOptions.DEFAULT, ProgressListener.NONE);
			}
			catch (final IOException e) {
				throw new AssertionError(e);
			}
		});
		final Volume<ShortType> h1 = HounsfieldConverter.toHu(single[0], HuOptions.DEFAULT, ProgressListener.NONE);
		for (int z = 0; z < 99; z += 7)
			assertArrayEquals((short[]) Planar.plane(Planar.asShorts(hu.image()), z), (short[]) Planar.plane(Planar.asShorts(h1.image()), z));
	}

	private static List<long[]> expected() throws IOException {
		final List<long[]> out = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(CptacSeriesTest.class.getResourceAsStream("cptac_hu_per_slice.txt"),
			StandardCharsets.US_ASCII)))
		{
			String line;
			while ((line = r.readLine()) != null) {
				if (line.startsWith("#") || line.trim().isEmpty()) continue;
				final String[] f = line.trim().split("\\s+");
				final long[] v = new long[f.length];
				for (int i = 0; i < f.length; i++)
					v[i] = Long.parseLong(f[i]);
				out.add(v);
			}
		}
		return out;
	}
}
