package org.lungprep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.lungprep.core.Volume;
import org.lungprep.io.metaimage.MetaImageIO;
import org.lungprep.io.nifti.NiftiIO;
import org.lungprep.io.npy.NpyIO;
import org.lungprep.io.tiff.ImageJTiffWriter;
import org.lungprep.pipeline.AtomicFiles;
import org.lungprep.pipeline.CtLoader;

import net.imglib2.type.numeric.integer.ShortType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code convert <input> <out>}: the HU volume in another format. */
@Command(name = "convert", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = { "Load a CT as Hounsfield units and write it: .npy (int16, numpy (z, y, x) order), .tif (ImageJ stack calibrated in mm",
		"and HU), .nii/.nii.gz (NIfTI-1, RAS affine) or .mhd (MetaImage + .raw, LPS). The file appears complete or not at all." })
final class ConvertCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "INPUT", description = "DICOM folder or file, .mhd/.mha, .nii/.nii.gz")
	Path input;

	@Parameters(index = "1", paramLabel = "OUT", description = "Output file: .npy, .tif, .nii, .nii.gz or .mhd")
	Path out;





	@Mixin
	LoadMixin load;

	@Option(names = "--overwrite", description = "Replace an existing output file.")
	boolean overwrite;


	@Override
	public Integer call() throws Exception {
		final String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
		final Writer writer = writerFor(name);
		if (Files.exists(out) && !overwrite) throw new IOException(out + ": exists (use --overwrite to replace it)");
		final Volume<ShortType> hu = CtLoader.load(input, load.toLoadOptions(), new TerminalProgress(System.err, false));
		final Path parent = out.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		// Write into a hidden temporary folder beside the target, then move the file(s) into place.
		final Path tmp = AtomicFiles.createUniqueDirectory(parent, ".lungprep-convert-");
		try {
			final Path t = tmp.resolve(out.getFileName());
			writer.write(hu, t);
			try (java.util.stream.Stream<Path> s = Files.list(tmp)) {
				for (final Path f : (Iterable<Path>) s::iterator) {
					final Path target = parent.resolve(f.getFileName());
					if (Files.exists(target) && !overwrite) throw new IOException(target + ": exists (use --overwrite to replace it)");
					AtomicFiles.move(f, target);
				}
			}
		}
		finally {
			AtomicFiles.deleteTree(tmp);
		}
		System.out.println(String.format(Locale.ROOT, "wrote %s: HU int16, shape (z,y,x) %s, spacing (z,y,x) %s mm%s", out, Texts.zyx(hu.shapeZyx()),
			Texts.zyx(hu.spacingZyx()), hu.info().warnings().isEmpty() ? "" : "\nwarnings: " + String.join("; ", hu.info().warnings())));
		return 0;
	}

	@FunctionalInterface
	interface Writer {
		void write(Volume<ShortType> v, Path p) throws IOException;
	}

	static Writer writerFor(final String name) {
		if (name.endsWith(".npy")) return NpyIO::write;
		if (name.endsWith(".tif") || name.endsWith(".tiff")) return ImageJTiffWriter::write;
		if (name.endsWith(".nii") || name.endsWith(".nii.gz")) return NiftiIO::write;
		if (name.endsWith(".mhd")) return MetaImageIO::write;
		throw new IllegalArgumentException("unknown output type '" + name + "' (use .npy, .tif, .nii, .nii.gz or .mhd)");
	}
}
