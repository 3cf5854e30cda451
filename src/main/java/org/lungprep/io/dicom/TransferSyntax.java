package org.lungprep.io.dicom;

import java.util.HashMap;
import java.util.Map;

/** Transfer syntaxes: how the data set is encoded and whether pixel data are encapsulated (compressed). */
public enum TransferSyntax {
	IMPLICIT_LE("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, false),
	EXPLICIT_LE("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, false),
	DEFLATED_LE("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, false),
	EXPLICIT_BE("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", true, true, false, false),
	JPEG_BASELINE("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, true),
	JPEG_EXTENDED("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, false, true),
	JPEG_SPECTRAL_53("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (retired)", true, false, false, true),
	JPEG_FULL_55("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (retired)", true, false, false, true),
	JPEG_LOSSLESS_57("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false, true),
	JPEG_LOSSLESS_70("1.2.840.10008.1.2.4.70", "JPEG Lossless, First-Order Prediction (Process 14, SV1)", true, false, false, true),
	JPEG_LS_LOSSLESS("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, false, true),
	JPEG_LS_NEAR("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", true, false, false, true),
	JPEG_2000_LOSSLESS("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)", true, false, false, true),
	JPEG_2000("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, false, true),
	RLE("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, true);

	private static final Map<String, TransferSyntax> BY_UID = new HashMap<>();
	static {
		for (final TransferSyntax t : values())
			BY_UID.put(t.uid, t);
	}

	private final String uid;
	private final String label;
	private final boolean explicitVr;
	private final boolean bigEndian;
	private final boolean deflated;
	private final boolean encapsulated;

	TransferSyntax(final String uid, final String label, final boolean explicitVr, final boolean bigEndian, final boolean deflated,
		final boolean encapsulated)
	{
		this.uid = uid;
		this.label = label;
		this.explicitVr = explicitVr;
		this.bigEndian = bigEndian;
		this.deflated = deflated;
		this.encapsulated = encapsulated;
	}

	public String uid() { return uid; }
	public String label() { return label; }
	public boolean explicitVr() { return explicitVr; }
	public boolean bigEndian() { return bigEndian; }
	public boolean deflated() { return deflated; }
	public boolean encapsulated() { return encapsulated; }

	/** @return the syntax of a UID, or null when unknown */
	public static TransferSyntax of(final String uid) {
		return uid == null ? null : BY_UID.get(uid.trim());
	}

	/** @return a readable name of any transfer syntax UID */
	public static String describe(final String uid) {
		final TransferSyntax t = of(uid);
		return t == null ? "unknown transfer syntax " + uid : t.label + " (" + t.uid + ")";
	}
}
