package org.lungprep.phantom;

import org.lungprep.core.Volume;

import net.imglib2.type.numeric.integer.ShortType;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/** A synthetic chest CT and what is known about it. */
public final class PhantomCase {

	private final Volume<ShortType> hu;
	private final Volume<UnsignedByteType> outsideFov;
	private final Volume<UnsignedByteType> lungLabels;
	private final Volume<UnsignedByteType> airway;
	private final Volume<UnsignedByteType> nodule;

	PhantomCase(final Volume<ShortType> hu, final Volume<UnsignedByteType> outsideFov, final Volume<UnsignedByteType> lungLabels,
		final Volume<UnsignedByteType> airway, final Volume<UnsignedByteType> nodule)
	{
		this.hu = hu;
		this.outsideFov = outsideFov;
		this.lungLabels = lungLabels;
		this.airway = airway;
		this.nodule = nodule;
	}

	/** @return the CT in HU (-1024 outside the field of view) */
	public Volume<ShortType> hu() { return hu; }

	/** @return 1 outside the scanner's circular field of view (written as padding in DICOM) */
	public Volume<UnsignedByteType> outsideFov() { return outsideFov; }

	/** @return the true lungs: 0 elsewhere, 1 right lung, 2 left lung (patient sides; vessels and nodule included) */
	public Volume<UnsignedByteType> lungLabels() { return lungLabels; }

	/** @return 1 in the trachea and main bronchi outside the lungs */
	public Volume<UnsignedByteType> trachea() { return airway; }

	/** @return 1 in the juxtapleural nodule */
	public Volume<UnsignedByteType> nodule() { return nodule; }

	/** @return the true lung volume in mL */
	public double lungMillilitres() {
		long n = 0;
		for (final UnsignedByteType t : net.imglib2.view.Views.iterable(lungLabels.image()))
			if (t.get() != 0) n++;
		return n * lungLabels.geometry().voxelMillilitres();
	}
}
