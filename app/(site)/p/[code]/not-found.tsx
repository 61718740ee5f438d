export { ParcelNotFound as default } from "@/components/parcel-not-found";
