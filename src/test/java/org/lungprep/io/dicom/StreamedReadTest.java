package org.lungprep.io.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lungprep.core.Planar;
import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.hu.HounsfieldConverter;
import org.lungprep.hu.HuOptions;
import org.lungprep.phantom.ChestPhantom;
import org.lungprep.testutil.TestData;

import net.imglib2.type.numeric.integer.ShortType;

/**
 * Reading a series slice by slice into a sink gives every slice once, with the values, geometry and metadata of
 * reading it whole: on the real CT and on every readable edge-case series (compressed syntaxes, multi-frame, padding,
 * minimal headers); a failing sink stops the read with its error.
 */
class StreamedReadTest {

	@TempDir
	Path tmp;

	private static void sameAsWhole(final DicomSeries s, final String what) throws IOException {
		final Volume<ShortType> whole = DicomSeriesReader.readConverted(s, DicomReadOptions.DEFAULT, HounsfieldConverter.sliceConverter(HuOptions.DEFAULT),
			ProgressListener.NONE);
		final int nz = whole.size(2);
		final short[][] got = new short[nz][];
		final Volume<ShortType> header = DicomSeriesReader.streamConverted(s, DicomReadOptions.DEFAULT, HounsfieldConverter.sliceConverter(HuOptions.DEFAULT),
			(z, slice) -> {
				synchronized (got) {
					if (got[z] != null) throw new AssertionError(what + ": slice " + z + " twice");
					got[z] = slice.clone();
				}
			}, ProgressListener.NONE);
		for (int z = 0; z < nz; z++)
			assertArrayEquals(Planar.plane(Planar.asShorts(whole.image()), z), got[z], what + " slice " + z);
		assertArrayEquals(whole.geometry().origin(), header.geometry().origin(), what);
		assertArrayEquals(whole.geometry().spacing(), header.geometry().spacing(), what);
		assertArrayEquals(whole.geometry().direction(), header.geometry().direction(), what);
		assertEquals(whole.info().warnings(), header.info().warnings(), what);
		assertEquals(whole.info().seriesUid(), header.info().seriesUid(), what);
		assertArrayEquals(s.volumeDimensions(), whole.dimensions(), what);
	}

	@Test
	void sameAsReadingWholeOnTheRealSeries() throws IOException {
		sameAsWhole(DicomScanner.scan(TestData.cptac(), false, ProgressListener.NONE).select(null), "CPTAC");
	}

	@Test
	void sameAsReadingWholeOnEveryReadableEdgeCase() throws IOException {
		final List<Path> folders;
		try (Stream<Path> s = Files.list(TestData.get("edge_cases"))) {
			folders = s.filter(Files::isDirectory).sorted().collect(Collectors.toList());
		}
		final List<String> read = new ArrayList<>();
		for (final Path f : folders) {
			final DicomScan scan = DicomScanner.scan(f, true, ProgressListener.NONE);
			for (final DicomSeries s : scan.series()) {
				try {
					DicomSeriesReader.readConverted(s, DicomReadOptions.DEFAULT, HounsfieldConverter.sliceConverter(HuOptions.DEFAULT), ProgressListener.NONE);
				}
				catch (final IOException e) {
					// unreadable as a whole (truncated, undecodable): not this test's case
					continue;
				}
				sameAsWhole(s, f.getFileName() + " " + s.key());
				read.add(f.getFileName().toString());
			}
		}
		assertTrue(read.size() >= 8, "series compared: " + read);
	}

	@Test
	void aFailingSinkStopsTheRead() throws IOException {
		final Path dir = tmp.resolve("dicom");
		DicomWriter.writeSeries(ChestPhantom.builder().shape(32, 32, 20).spacing(4, 4, 5).seed(2).build().hu(), null, dir, "SINK", "sink test");
		final DicomSeries s = DicomScanner.scan(dir, false, ProgressListener.NONE).select(null);
		final AtomicInteger taken = new AtomicInteger();
		final IOException e = assertThrows(IOException.class, () -> DicomSeriesReader.streamConverted(s, DicomReadOptions.DEFAULT,
			HounsfieldConverter.sliceConverter(HuOptions.DEFAULT), (z, slice) -> {
				if (taken.incrementAndGet() == 3) throw new IOException("disk full writing slice " + z);
			}, ProgressListener.NONE));
		assertTrue(e.getMessage().startsWith("disk full"), e.getMessage());
		assertThrows(IllegalArgumentException.class, () -> DicomSeriesReader.streamConverted(s, DicomReadOptions.DEFAULT.withTiltCorrection(true),
			HounsfieldConverter.sliceConverter(HuOptions.DEFAULT), (z, slice) -> { }, ProgressListener.NONE));
	}
}
