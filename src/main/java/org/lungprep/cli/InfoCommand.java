package org.lungprep.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.lungprep.core.ProgressListener;
import org.lungprep.core.Volume;
import org.lungprep.io.dicom.DicomScan;
import org.lungprep.io.dicom.DicomScanner;
import org.lungprep.io.dicom.DicomSeries;
import org.lungprep.pipeline.CtLoader;
import org.lungprep.pipeline.Json;
import org.lungprep.pipeline.LoadOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code info <path>}: what is in a DICOM folder or a volume file, without loading pixel data of DICOM series. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = { "List every series found in a DICOM folder (slices, size, spacing, orientation, transfer syntaxes, warnings),",
		"or describe a .mhd/.nii volume. Reads DICOM headers only." })
final class InfoCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "PATH", description = "DICOM folder or file, .mhd/.mha, .nii/.nii.gz")
	Path path;

	@Option(names = "--json", description = "Print JSON instead of text.")
	boolean json;

	@Option(names = "--recursive", description = "Also scan sub-folders.")
	boolean recursive;


	@Override
	public Integer call() throws Exception {
		final Map<String, Object> out = new LinkedHashMap<>();
		out.put("path", path.toAbsolutePath().toString());
		final String lower = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
		if (Files.isRegularFile(path) && (lower.endsWith(".mhd") || lower.endsWith(".mha") || lower.endsWith(".nii") || lower.endsWith(".nii.gz"))) {
			final Volume<?> v = CtLoader.load(path, LoadOptions.DEFAULT, ProgressListener.NONE);
			final Map<String, Object> m = new LinkedHashMap<>();
			m.put("shape_zyx", v.shapeZyx());
			m.put("spacing_zyx", v.spacingZyx());
			m.put("origin_lps", v.geometry().origin());
			m.put("direction", v.geometry().direction());
			m.put("warnings", v.info().warnings());
			out.put("volume", m);
		}
		else {
			final DicomScan scan = DicomScanner.scan(Files.isRegularFile(path) ? path.toAbsolutePath().getParent() : path, recursive, ProgressListener.NONE);
			final List<Object> series = new ArrayList<>();
			for (final DicomSeries s : scan.series())
				series.add(s.summary());
			out.put("series", series);
			out.put("notes", scan.notes());
		}
		if (json) System.out.println(Json.write(out));
		else System.out.print(text(out));
		return 0;
	}

	@SuppressWarnings("unchecked")
	private static String text(final Map<String, Object> out) {
		final StringBuilder sb = new StringBuilder();
		sb.append(out.get("path")).append(System.lineSeparator());
		if (out.containsKey("volume")) appendMap(sb, (Map<String, Object>) out.get("volume"), "  ");
		else {
			final List<Object> series = (List<Object>) out.get("series");
			sb.append(series.size()).append(series.size() == 1 ? " series" : " series").append(System.lineSeparator());
			int i = 1;
			for (final Object s : series) {
				sb.append("series ").append(i++).append(':').append(System.lineSeparator());
				appendMap(sb, (Map<String, Object>) s, "  ");
			}
			final List<String> notes = (List<String>) out.get("notes");
			if (!notes.isEmpty()) {
				sb.append("skipped:").append(System.lineSeparator());
				for (final String n : notes)
					sb.append("  ").append(n).append(System.lineSeparator());
			}
		}
		return sb.toString();
	}

	private static void appendMap(final StringBuilder sb, final Map<String, Object> m, final String indent) {
		for (final Map.Entry<String, Object> e : m.entrySet()) {
			final Object v = e.getValue();
			final String text = v instanceof long[] || v instanceof double[] || v instanceof int[] ? Json.write(v).replaceAll("\\s+", " ") : String.valueOf(v);
			sb.append(indent).append(String.format("%-20s %s", e.getKey(), text)).append(System.lineSeparator());
		}
	}
}
