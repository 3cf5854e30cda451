package org.lungprep.io.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.hu.HounsfieldConverter;
import org.lungprep.hu.HuOptions;
import org.lungprep.testutil.TestData;

/**
 * HU of every real uncompressed single file that pydicom reads (GE with raw -2000 padding, feet-first, NEMA CT1/CT2,
 * the gantry-tilt head series with PixelPaddingValue -1500 and intercept 0, minimal headers, the GE slice in implicit,
 * explicit, big endian and deflated encodings), identical voxel for voxel to pydicom: with
 * {@code HuOptions.withTutorialPadding(true)} to the tutorial's get_pixels_hu, by default to the padding-to-air rule.
 * Expected CRC32s and sums in single_file_hu.txt were made once with single_file_hu.py (both next to this class in
 * the test resources; pydicom 2.3.1, numpy 1.24.2, 2026-11-24).
 */
class DicomHuParityTest {

	@Test
	void everyFileMatchesPydicomInBothPaddingModes() throws IOException {
		int files = 0, differ = 0;
		try (BufferedReader r = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream("single_file_hu.txt"), StandardCharsets.US_ASCII))) {
			String line;
			while ((line = r.readLine()) != null) {
				if (line.startsWith("#") || line.isBlank()) continue;
				final String[] f = line.split(" ");
				final Path file = TestData.get("edge_cases/" + f[0]);
				final long[] tutorial = crcAndSum(file, HuOptions.DEFAULT.withTutorialPadding(true));
				final long[] air = crcAndSum(file, HuOptions.DEFAULT);
				assertEquals(Long.parseLong(f[1]), tutorial[0], "tutorial HU CRC32 of " + f[0]);
				assertEquals(Long.parseLong(f[2]), tutorial[1], "tutorial HU sum of " + f[0]);
				assertEquals(Long.parseLong(f[3]), air[0], "padding-to-air HU CRC32 of " + f[0]);
				assertEquals(Long.parseLong(f[4]), air[1], "padding-to-air HU sum of " + f[0]);
				files++;
				if (tutorial[0] != air[0]) differ++;
			}
		}
		assertTrue(files >= 40, "files checked: " + files);
		// the head series (PixelPaddingValue -1500, intercept 0) is where the two rules part
		assertTrue(differ >= 28, "files where the rules differ: " + differ);
	}

	private static long[] crcAndSum(final Path file, final HuOptions options) throws IOException {
		final DicomSeries s = DicomScanner.scan(file, false, ProgressListener.NONE).select(null);
		final short[] px = Planar.plane(Planar.asShorts(HounsfieldConverter.toHu(DicomSeriesReader.read(s, DicomReadOptions.DEFAULT, ProgressListener.NONE),
			options, ProgressListener.NONE).image()), 0);
		final ByteBuffer b = ByteBuffer.allocate(px.length * 2).order(ByteOrder.LITTLE_ENDIAN);
		b.asShortBuffer().put(px);
		final CRC32 crc = new CRC32();
		crc.update(b.array());
		long sum = 0;
		for (final short v : px)
			sum += v;
		return new long[] { crc.getValue(), sum };
	}
}
