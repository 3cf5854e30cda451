// LungPrep: the tutorial's steps on one series, one run(...) line each, as the Macro Recorder records them.
// Usage: xvfb-run -a java -jar ij.jar -batch Tutorial_Step_By_Step.ijm "/path/to/dicom/folder"
folder = getArgument();
if (folder == "") folder = getDirectory("Choose a DICOM series folder");
run("Open CT Series...", "folder=[" + folder + "] series=[]");
ct = getTitle();
run("Resample Isotropic...", "spacing=1 interpolation=cubic grid=scipy");
resampled = getTitle();
run("Segment Lungs...", "method=tutorial fill");
print("lungs: " + getTitle() + ", " + nSlices + " slices");
selectImage(resampled);
run("Normalize...", "min=-1000 max=400 mean=0.25");
print("normalized: " + getTitle() + ", " + bitDepth() + "-bit");
selectImage(resampled);
run("Show Surface in 3D...", "threshold=400 step=2 turntable=0");
