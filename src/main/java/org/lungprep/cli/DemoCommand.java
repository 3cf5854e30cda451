package org.lungprep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.io.dicom.DicomScan;
import org.lungprep.io.dicom.DicomScanner;
import org.lungprep.io.dicom.DicomSeries;
import org.lungprep.io.npy.NpyIO;
import org.lungprep.io.tiff.ImageJTiffWriter;
import org.lungprep.phantom.PhantomCase;
import org.lungprep.pipeline.AtomicFiles;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.LoadOptions;

import net.imglib2.type.numeric.integer.ShortType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: the tool's job on a synthetic chest CT it makes itself, in seconds, with nothing but Java. */
@Command(name = "demo", mixinStandardHelpOptions = true,
	description = { "Make a synthetic chest CT, write it as a real DICOM series into a temporary folder, scan it (as info does), load it",
		"as Hounsfield units and write hu.npy and hu.tif (as convert does) into the output folder; print what was found." })
final class DemoCommand implements Callable<Integer> {

	@Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}); replaced if it exists.", defaultValue = "lungprep-demo")
	Path out;

	@Option(names = "--debug", hidden = true, description = "Print stack traces.")
	boolean debug;

	@Override
	public Integer call() throws Exception {
		final long t0 = System.nanoTime();
		final PhantomCase phantom = PhantomCommand.build("192,192,64", "5,1.8,1.8", 1);
		final Path tmp = Files.createTempDirectory("lungprep-demo-");
		try {
			final Path phantomDir = tmp.resolve("phantom");
			PhantomCommand.write(phantom, phantomDir, false);
			System.out.println(String.format(Locale.ROOT, "phantom   synthetic chest CT written as %d DICOM files (%.1f s)", phantom.hu().size(2), secs(t0)));
			final DicomScan scan = DicomScanner.scan(phantomDir.resolve("dicom"), false, ProgressListener.NONE);
			final DicomSeries s = scan.select(null);
			System.out.println("info      " + s + ", transfer syntax " + s.transferSyntaxes() + ", warnings " + s.warnings());
			final long t1 = System.nanoTime();
			final Volume<ShortType> hu = CtLoader.load(phantomDir.resolve("dicom"), LoadOptions.DEFAULT, ProgressListener.NONE);
			System.out.println(String.format(Locale.ROOT, "load      HU volume, shape (z,y,x) %s, spacing (z,y,x) %s mm (%.2f s)", Texts.zyx(hu.shapeZyx()),
				Texts.zyx(hu.spacingZyx()), secs(t1)));
			final Path parent = out.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			final Path part = Files.createTempDirectory(parent, "." + out.getFileName() + ".partial-");
			try {
				NpyIO.write(hu, part.resolve("hu.npy"));
				ImageJTiffWriter.write(hu, part.resolve("hu.tif"));
				NpyIO.write(phantom.lungLabels(), part.resolve("lungs_truth.npy"));
				AtomicFiles.publishFolder(part, out, true);
			}
			finally {
				if (Files.exists(part)) AtomicFiles.deleteTree(part);
			}
			double sum = 0;
			long n = 0;
			final net.imglib2.Cursor<ShortType> c = net.imglib2.view.Views.flatIterable(hu.image()).cursor();
			final net.imglib2.Cursor<net.imglib2.type.numeric.integer.UnsignedByteType> l = net.imglib2.view.Views.flatIterable(phantom.lungLabels().image()).cursor();
			while (c.hasNext()) {
				final short v = c.next().get();
				if (l.next().get() != 0) {
					sum += v;
					n++;
				}
			}
			System.out.println(String.format(Locale.ROOT, "check     lungs: %.0f mL in the phantom, mean %.0f HU after the DICOM round trip (made at -850 HU with vessels)",
				phantom.lungMillilitres(), sum / n));
			System.out.println("outputs   " + out.toAbsolutePath() + " (hu.npy int16 (z, y, x); hu.tif opens in ImageJ/Fiji in HU; lungs_truth.npy)");
			System.out.println(String.format(Locale.ROOT, "demo done in %.1f s", secs(t0)));
		}
		finally {
			AtomicFiles.deleteTree(tmp);
		}
		return 0;
	}

	private static double secs(final long t0) {
		return (System.nanoTime() - t0) / 1e9;
	}
}
