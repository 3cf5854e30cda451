package org.lungprep.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Geometry;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.StoredVolume;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeInfo;
import org.lungprep.hu.HounsfieldConverter;
import org.lungprep.hu.HuOptions;
import org.lungprep.io.TestGeometries;

import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * Series written by DicomWriter, read back by LungPrep's own scanner, series reader and HU converter: an oblique
 * geometry, HU values, padding outside a circular field of view, the -976 HU corner case and clamping.
 */
class DicomWriterTest {

	@TempDir
	Path tmp;

	private static final int NX = 24, NY = 20, NZ = 6;

	private static Volume<ShortType> hu(final Geometry g) {
		final PlanarImg<ShortType, ?> img = Planar.shorts(NX, NY, NZ);
		final Random r = new Random(8);
		for (final ShortType t : img)
			t.set((short) (r.nextInt(4000) - 1024));
		img.randomAccess().setPositionAndGet(10, 10, 2).set((short) -3024); // stored would be -3024 + 1024 = -2000, the padding value
		img.randomAccess().setPositionAndGet(11, 10, 2).set((short) 32000); // beyond the stored range
		img.randomAccess().setPositionAndGet(12, 10, 2).set((short) -3023);
		return new Volume<>(img, g, VolumeInfo.EMPTY);
	}

	private static Volume<UnsignedByteType> outsideCircle() {
		final PlanarImg<UnsignedByteType, ?> m = Planar.unsignedBytes(NX, NY, NZ);
		for (int z = 0; z < NZ; z++)
			for (int y = 0; y < NY; y++)
				for (int x = 0; x < NX; x++) {
					final double dx = x - (NX - 1) / 2.0, dy = y - (NY - 1) / 2.0;
					if (dx * dx + dy * dy > 9.5 * 9.5) m.randomAccess().setPositionAndGet(x, y, z).set(1);
				}
		return new Volume<>(m, Geometry.of(1, 1, 1), VolumeInfo.EMPTY);
	}

	private static short at(final Volume<ShortType> v, final int x, final int y, final int z) {
		return v.image().randomAccess().setPositionAndGet(x, y, z).get();
	}

	@Test
	void obliqueSeriesReadsBackWithGeometryValuesAndPadding() throws IOException {
		final Geometry g = new Geometry(new double[] { 0.68359375, 0.68359375, 2.5 }, new double[] { -175.5, -160.25, -310.0 }, TestGeometries.rotation());
		final Volume<ShortType> hu = hu(g);
		final Volume<UnsignedByteType> outside = outsideCircle();
		final Path dir = tmp.resolve("series");
		DicomWriter.writeSeries(hu, outside, dir, "PHANTOM-1", "oblique test series");
		try (java.util.stream.Stream<Path> s = Files.list(dir)) {
			assertEquals(NZ, s.count(), "one file per slice");
		}
		final DicomScan scan = DicomScanner.scan(dir, false, ProgressListener.NONE);
		assertEquals(1, scan.series().size());
		final DicomSeries series = scan.select(null);
		assertEquals("CT", series.modality());
		assertEquals("PHANTOM-1", series.patientId());
		assertEquals("oblique test series", series.description());
		assertEquals(java.util.Set.of("1.2.840.10008.1.2.1"), series.transferSyntaxes());
		assertTrue(series.uid().startsWith("2.25."), series.uid());
		final StoredVolume stored = DicomSeriesReader.read(series, DicomReadOptions.DEFAULT, ProgressListener.NONE);
		assertFalse(stored.unsigned(), "PixelRepresentation 1");
		assertEquals(-2000, stored.paddingValue().getAsInt());
		assertEquals(-1024, stored.intercept(0));
		assertEquals(1, stored.slope(NZ - 1));
		// the converter may work in place: look at the stored values first
		for (int z = 0; z < NZ; z++)
			for (int y = 0; y < NY; y++)
				for (int x = 0; x < NX; x++)
					if (outside.image().randomAccess().setPositionAndGet(x, y, z).get() != 0)
						assertEquals(-2000, at(stored.stored(), x, y, z), "raw padding value outside the field of view");
					else assertTrue(at(stored.stored(), x, y, z) != -2000, "no padding value inside");
		final Volume<ShortType> back = HounsfieldConverter.toHu(stored, HuOptions.DEFAULT, ProgressListener.NONE);
		assertArrayEquals(hu.dimensions(), back.dimensions());
		// positions and cosines are written with 10 decimals (DS holds 16 characters)
		assertArrayEquals(g.spacing(), back.geometry().spacing(), 1e-6);
		assertArrayEquals(g.origin(), back.geometry().origin(), 1e-6);
		assertArrayEquals(g.direction(), back.geometry().direction(), 1e-6);
		assertTrue(back.info().warnings().isEmpty(), back.info().warnings().toString());
		int padded = 0;
		for (int z = 0; z < NZ; z++)
			for (int y = 0; y < NY; y++)
				for (int x = 0; x < NX; x++) {
					final boolean out = outside.image().randomAccess().setPositionAndGet(x, y, z).get() != 0;
					final int expected;
					if (out) expected = -1024;
					else if (x == 10 && y == 10 && z == 2) expected = -3023;
					else if (x == 11 && y == 10 && z == 2) expected = 32767 - 1024;
					else expected = at(hu, x, y, z);
					assertEquals(expected, at(back, x, y, z), "HU at " + x + "," + y + "," + z);
					if (out) padded++;
				}
		assertTrue(padded > 0 && padded < NX * NY * NZ / 2, "padded voxels: " + padded);
		assertEquals(-3023, at(back, 12, 10, 2));
	}

	@Test
	void filesAreValidPart10() throws IOException {
		final Path dir = tmp.resolve("s");
		DicomWriter.writeSeries(hu(Geometry.of(0.7, 0.7, 1.25)), null, dir, "P", "d");
		final byte[] b = Files.readAllBytes(dir.resolve("slice0001.dcm"));
		assertEquals("DICM", new String(b, 128, 4, StandardCharsets.US_ASCII), "preamble + DICM");
		// (0002,0000) UL group length = bytes of the rest of group 2
		assertEquals(0x0002, b[132] & 0xff | (b[133] & 0xff) << 8);
		final int groupLength = b[140] & 0xff | (b[141] & 0xff) << 8 | (b[142] & 0xff) << 16 | (b[143] & 0xff) << 24;
		final int afterMeta = 144 + groupLength;
		assertEquals(0x0008, b[afterMeta] & 0xff | (b[afterMeta + 1] & 0xff) << 8, "the data set starts right after group 2");
		final String text = new String(b, StandardCharsets.ISO_8859_1);
		for (final String required : new String[] { "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1", "MONOCHROME2", "HFS" })
			assertTrue(text.contains(required), required);
		assertEquals(2 * 24 * 20, b.length - text.lastIndexOf("OW") - 8, "pixel data are the last element, 2 bytes per pixel");
	}

	@Test
	void refusesNonEmptyFoldersAndMismatchedMasks() throws IOException {
		final Path dir = Files.createDirectories(tmp.resolve("busy"));
		Files.write(dir.resolve("other.dcm"), new byte[] { 1 });
		final Volume<ShortType> hu = hu(Geometry.of(1, 1, 1));
		final IOException e = assertThrows(IOException.class, () -> DicomWriter.writeSeries(hu, null, dir, "P", "d"));
		assertTrue(e.getMessage().contains("not empty"), e.getMessage());
		final Volume<UnsignedByteType> small = new Volume<>(Planar.unsignedBytes(2, 2, 2), Geometry.of(1, 1, 1), VolumeInfo.EMPTY);
		assertThrows(IllegalArgumentException.class, () -> DicomWriter.writeSeries(hu, small, tmp.resolve("new"), "P", "d"));
	}

	@Test
	void storedValues() {
		assertEquals(0, DicomWriter.stored((short) -1024));
		assertEquals(48, DicomWriter.stored((short) -976));
		assertEquals(-1999, DicomWriter.stored((short) -3024), "never the padding value inside the field of view");
		assertEquals(Short.MAX_VALUE, DicomWriter.stored((short) 32000));
		assertEquals(-32768 + 1024, DicomWriter.stored(Short.MIN_VALUE), "every int16 HU below 31744 fits");
	}
}
