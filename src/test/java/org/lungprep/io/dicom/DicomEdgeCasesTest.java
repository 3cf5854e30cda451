package org.lungprep.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.core.VolumeIOException;
import org.lungprep.hu.HounsfieldConverter;
import org.lungprep.hu.HuOptions;
import org.lungprep.testutil.TestData;

import net.imglib2.type.numeric.integer.ShortType;

/** Every file and folder of ../shared/data/edge_cases either loads correctly or fails with one clear line naming the file. */
class DicomEdgeCasesTest {

	@TempDir
	Path tmp;

	static Volume<ShortType> load(final Path path) throws IOException {
		final DicomSeries s = DicomScanner.scan(path, false, ProgressListener.NONE).select(null);
		return HounsfieldConverter.toHu(DicomSeriesReader.read(s, DicomReadOptions.DEFAULT, ProgressListener.NONE), HuOptions.DEFAULT, ProgressListener.NONE);
	}

	static short[] slice(final Volume<ShortType> v, final int z) {
		return Planar.plane(Planar.asShorts(v.image()), z);
	}

	@Test
	void everyFileParsesOrFailsWithOurOwnError() throws IOException {
		final List<Path> files;
		try (Stream<Path> s = Files.walk(TestData.get("edge_cases"))) {
			files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
		}
		assertTrue(files.size() > 100, "edge cases found: " + files.size());
		int parsed = 0;
		for (final Path f : files) {
			for (final boolean headerOnly : new boolean[] { true, false }) {
				try {
					DicomParser.parse(f, headerOnly);
					parsed++;
				}
				catch (final VolumeIOException e) {
					assertTrue(e.getMessage().contains(f.getFileName().toString()), "message names the file: " + e.getMessage());
					assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
				}
			}
		}
		assertTrue(parsed > 150, "most edge-case files are valid DICOM: " + parsed);
	}

	@Test
	void nativeAndDeflatedEncodingsOfTheGeSliceGiveTheSamePixels() throws IOException {
		final Path dir = TestData.get("edge_cases/transfer_syntaxes_GE_chest_slice");
		final short[] reference = slice(load(dir.resolve("CTImage.dcm")), 0);
		for (final String name : new String[] { "CTImage.dcm_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm",
			"CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm", "CTImage.dcm_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm",
			"CTImage.dcm_DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99.dcm" })
			assertArrayEquals(reference, slice(load(dir.resolve(name)), 0), name);
		// signed, intercept -1024, raw -2000 outside the scan circle: air, never -3024 HU
		int air = 0;
		for (final short v : reference) {
			assertTrue(v >= -1024, "no value below air: " + v);
			if (v == -1024) air++;
		}
		assertTrue(air > 50_000, "the padding outside the scan circle became air: " + air);
	}

	@Test
	void aCompressedSyntaxWithoutDecoderNamesTheFileAndSyntax() throws IOException {
		final Path f = TestData.get("edge_cases/transfer_syntaxes_GE_chest_slice/CTImage.dcm_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm");
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> load(f));
		assertTrue(e.getMessage().contains(f.getFileName().toString()) && e.getMessage().contains("1.2.840.10008.1.2.4.55"), e.getMessage());
	}

	@Test
	void emptyFolderAndNonImageFolders() throws IOException {
		final Path empty = Files.createDirectories(tmp.resolve("empty"));
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> load(empty));
		assertTrue(e.getMessage().contains("empty") && e.getMessage().contains(empty.toString()), e.getMessage());

		final DicomScan nonImage = DicomScanner.scan(TestData.get("edge_cases/non_image"), false, ProgressListener.NONE);
		assertTrue(nonImage.series().isEmpty());
		assertEquals(3, nonImage.notes().size(), nonImage.notes().toString());
		assertTrue(nonImage.notes().stream().anyMatch(n -> n.contains("rtstruct.dcm") && n.contains("RT")), nonImage.notes().toString());
		assertTrue(nonImage.notes().stream().anyMatch(n -> n.contains("test-SR.dcm") && n.contains("SR")), nonImage.notes().toString());
		final VolumeIOException none = assertThrows(VolumeIOException.class, () -> nonImage.select(null));
		assertTrue(none.getMessage().contains("no DICOM image series"), none.getMessage());

		final DicomScan dicomdir = DicomScanner.scan(TestData.get("edge_cases/non_image/dicomdir"), false, ProgressListener.NONE);
		assertTrue(dicomdir.notes().stream().anyMatch(n -> n.contains("DICOMDIR") && n.contains("not an image")), dicomdir.notes().toString());
		assertTrue(dicomdir.notes().stream().anyMatch(n -> n.contains("README.txt") && n.contains("not a DICOM file")), dicomdir.notes().toString());
		// recursion on request finds the images below the DICOMDIR
		assertFalse(DicomScanner.scan(TestData.get("edge_cases/non_image/dicomdir"), true, ProgressListener.NONE).series().isEmpty());
	}

	@Test
	void truncatedFiles() throws IOException {
		final Path dir = TestData.get("edge_cases/truncated");
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> load(dir.resolve("MR_truncated.dcm")));
		assertTrue(e.getMessage().contains("MR_truncated.dcm") && e.getMessage().contains("truncated"), e.getMessage());
		final DicomScan scan = DicomScanner.scan(dir, false, ProgressListener.NONE);
		assertTrue(scan.notes().stream().anyMatch(n -> n.contains("rtplan_truncated.dcm") && n.contains("truncated")), scan.notes().toString());
		// a CT cut in its header and one cut in its pixel data
		final byte[] ct = Files.readAllBytes(TestData.cptac().resolve("000010.dcm"));
		Files.write(tmp.resolve("header_cut"), java.util.Arrays.copyOf(ct, 700));
		Files.write(tmp.resolve("pixels_cut"), java.util.Arrays.copyOf(ct, ct.length - 1000));
		// cut in the header: skipped with a note naming the file (truncated, or no pixel data when the cut falls between elements)
		final Path headerOnlyDir = Files.createDirectories(tmp.resolve("h"));
		Files.move(tmp.resolve("header_cut"), headerOnlyDir.resolve("header_cut"));
		final DicomScan cut = DicomScanner.scan(headerOnlyDir, false, ProgressListener.NONE);
		assertTrue(cut.series().isEmpty());
		assertTrue(cut.notes().get(0).contains("header_cut"), cut.notes().toString());
		// header-only reading stops at the pixel data, so the cut pixels are only noticed when the pixels are read
		DicomParser.parse(tmp.resolve("pixels_cut"), true);
		final VolumeIOException p = assertThrows(VolumeIOException.class, () -> load(tmp.resolve("pixels_cut")));
		assertTrue(p.getMessage().contains("pixels_cut") && p.getMessage().contains("truncated"), p.getMessage());
	}

	@Test
	void aFolderCannotBeReadAsAFile() {
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> DicomParser.parse(tmp, false));
		assertTrue(e.getMessage().contains(tmp.toString()), e.getMessage());
	}

	@Test
	void singleSlice() throws IOException {
		final Volume<ShortType> v = load(TestData.get("edge_cases/pydicom_small_ct/CT_small.dcm"));
		assertArrayEquals(new long[] { 1, 128, 128 }, v.shapeZyx());
		assertTrue(v.info().warnings().stream().anyMatch(w -> w.contains("single slice")), v.info().warnings().toString());
	}

	@Test
	void twoSeriesInOneFolder() throws IOException {
		final Path mixed = Files.createDirectories(tmp.resolve("mixed"));
		for (int i = 20; i < 30; i++)
			Files.copy(TestData.cptac().resolve(String.format("%06d.dcm", i)), mixed.resolve("a" + i));
		for (final String n : new String[] { "0.dcm", "1.dcm" })
			Files.copy(TestData.get("edge_cases/minimal_header_signed_hu_2slices").resolve(n), mixed.resolve("b" + n));
		final DicomScan scan = DicomScanner.scan(mixed, false, ProgressListener.NONE);
		assertEquals(2, scan.series().size());
		assertEquals(10, scan.select(null).sliceCount(), "default: the series with the most slices");
		final DicomSeries small = scan.series().get(1);
		assertEquals(2, scan.select(small.uid()).sliceCount());
		final VolumeIOException e = assertThrows(VolumeIOException.class, () -> scan.select("1.2.3.4"));
		assertTrue(e.getMessage().contains("1.2.3.4") && e.getMessage().contains(small.uid()), e.getMessage());
	}

	@Test
	void missingAndDuplicateSlicesAreReported() throws IOException {
		// the files' names are not in z order: take 20 neighbouring slices by position, leave one out, copy one twice
		final List<SliceHeader> byZ = DicomScanner.scan(TestData.cptac(), false, ProgressListener.NONE).select(null).geometry().sorted;
		final Path gap = Files.createDirectories(tmp.resolve("gap"));
		for (int i = 0; i < 20; i++)
			if (i != 7) Files.copy(byZ.get(i).file, gap.resolve("s" + i));
		Files.copy(byZ.get(3).file, gap.resolve("copy-of-3"));
		final Volume<ShortType> v = load(gap);
		assertEquals(19, v.size(2), "the duplicate is left out");
		assertEquals(3.0, v.geometry().spacing(2), 1e-9, "spacing is the usual step, not the gap");
		final String w = v.info().warnings().toString();
		assertTrue(w.contains("1 missing slice"), w);
		assertTrue(w.contains("already used position"), w);
	}

	@Test
	void gantryTiltAndUnevenSpacingAreReported() throws IOException {
		final Volume<ShortType> v = load(TestData.get("edge_cases/gantry_tilt_variable_spacing_GE_head"));
		assertEquals(28, v.size(2));
		final String w = v.info().warnings().toString();
		assertTrue(w.contains("uneven slice spacing"), w);
		final java.util.regex.Matcher m = java.util.regex.Pattern.compile("gantry tilt ([0-9.]+) degrees").matcher(w);
		assertTrue(m.find(), w);
		assertEquals(18.5, Double.parseDouble(m.group(1)), 0.5, "the MANIFEST's GantryDetectorTilt");
	}

	@Test
	void paddingBecomesAirWhateverTheIntercept() throws IOException {
		// GE, signed, intercept -1024, PixelPaddingValue -2000
		final Volume<ShortType> ge = load(TestData.get("edge_cases/padding_minus2000_GE_3slices_FFS"));
		assertEquals(3, ge.size(2));
		int air = 0;
		for (int z = 0; z < 3; z++)
			for (final short s : slice(ge, z)) {
				assertTrue(s >= -1024, "nothing below air: " + s);
				if (s == -1024) air++;
			}
		assertTrue(air > 160_000, "padded pixels are air: " + air);
		// intercept 0: stored values are already HU
		final Volume<ShortType> minimal = load(TestData.get("edge_cases/minimal_header_signed_hu_2slices"));
		int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
		for (int z = 0; z < 2; z++)
			for (final short s : slice(minimal, z)) {
				min = Math.min(min, s);
				max = Math.max(max, s);
			}
		assertEquals(1502, max);
		assertTrue(min >= -2048, "min " + min);
	}

	@Test
	void nothingIsWrittenIntoTheInputFolder() throws IOException {
		final Path dir = TestData.get("edge_cases/gantry_tilt_variable_spacing_GE_head");
		final Map<String, FileTime> before = listing(dir);
		load(dir);
		DicomScanner.scan(dir, true, ProgressListener.NONE);
		assertEquals(before, listing(dir));
	}

	private static Map<String, FileTime> listing(final Path dir) throws IOException {
		final Map<String, FileTime> m = new TreeMap<>();
		try (Stream<Path> s = Files.walk(dir)) {
			for (final Path p : (Iterable<Path>) s::iterator)
				m.put(p.toString(), Files.getLastModifiedTime(p));
		}
		return m;
	}

	@Test
	void seriesWithoutUidsAreGroupedByGeometry() throws IOException {
		final DicomScan scan = DicomScanner.scan(TestData.get("edge_cases/jpeg2000_siemens_20slices_no_series_uid"), false, ProgressListener.NONE);
		assertEquals(1, scan.series().size());
		assertEquals(20, scan.series().get(0).sliceCount());
		assertEquals("", scan.series().get(0).uid());
		final List<String> keys = new ArrayList<>();
		for (final DicomSeries s : scan.series())
			keys.add(s.key());
		assertEquals(List.of("unnamed-1"), keys);
		// slices 2 mm apart although SliceThickness says 3: spacing from positions
		assertEquals(2.0, (double) ((double[]) scan.series().get(0).summary().get("spacing_zyx"))[0], 1e-3);
	}
}
