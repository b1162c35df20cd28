// CRD validation (-crds DIR): checks every custom resource the oracle reads the way kube-apiserver
// checks it when it is created or its status is updated, with the apiserver's own code from
// k8s.io/apiextensions-apiserver: the request decoder's pruning of unknown fields and metadata
// coercion (pkg/apiserver/customresource_handler.go: unstructuredSchemaCoercer.apply), structural
// defaulting, then the registry strategy's Validate (pkg/registry/customresource: ObjectMeta with the
// DNS-subdomain name rule, the OpenAPI schema validator, scale subresource paths, embedded
// ObjectMeta, list-type invariants and x-kubernetes-validations CEL rules).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"k8s.io/apiextensions-apiserver/pkg/apihelpers"
	"k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apiextensions-apiserver/pkg/registry/customresource"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// crdValidator holds the CRDs of the -crds folder by the group and kind they serve.
type crdValidator struct {
	byGroupKind map[schema.GroupKind]*servedCRD
}

type servedCRD struct {
	name                  string // e.g. rollouts.argoproj.io
	namespaced            bool
	preserveUnknownFields bool
	versions              map[string]*servedVersion // served versions by name
}

// servedVersion is what the apiserver's crdHandler builds for one served version of a CRD.
type servedVersion struct {
	structural *structuralschema.Structural
	strategy   customResourceStrategy
}

// customResourceStrategy: the methods of customresource.NewStrategy's (unexported) result used here.
type customResourceStrategy interface {
	Validate(ctx context.Context, obj runtime.Object) field.ErrorList
	GenerateName(base string) string
}

// Invalid is one custom resource the apiserver would refuse or change, printed as {"invalid": ...}.
type Invalid struct {
	Cluster   string   `json:"cluster"`
	Kind      string   `json:"kind"`
	Namespace string   `json:"namespace"` // empty for cluster-scoped kinds
	Name      string   `json:"name"`
	Errors    []string `json:"errors"`
}

// loadCRDs reads every CustomResourceDefinition (apiextensions.k8s.io/v1) below dir; other
// documents (a kustomization.yaml, say) are skipped.
func loadCRDs(dir string) (*crdValidator, error) {
	v := &crdValidator{byGroupKind: map[schema.GroupKind]*servedCRD{}}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(path)) {
		case ".yaml", ".yml", ".json":
			return v.loadCRDFile(path)
		}
		return nil
	})
	if err == nil && len(v.byGroupKind) == 0 {
		err = fmt.Errorf("%s: no apiextensions.k8s.io/v1 CustomResourceDefinition found", dir)
	}
	return v, err
}

func (v *crdValidator) loadCRDFile(path string) error {
	return eachDocument(path, func(i int, raw json.RawMessage) error {
		var h header
		if len(raw) == 0 || json.Unmarshal(raw, &h) != nil || h.Kind != "CustomResourceDefinition" {
			return nil
		}
		if h.APIVersion != apiextensionsv1.SchemeGroupVersion.String() {
			warn("%s: document %d: CustomResourceDefinition %s is %s, only %s is read", path, i,
				h.Metadata.Name, h.APIVersion, apiextensionsv1.SchemeGroupVersion)
			return nil
		}
		crd := &apiextensionsv1.CustomResourceDefinition{}
		if err := json.Unmarshal(raw, crd); err != nil {
			return fmt.Errorf("%s: document %d: %w", path, i, err)
		}
		apiextensionsv1.SetObjectDefaults_CustomResourceDefinition(crd) // as the apiserver stores it
		served, err := newServedCRD(crd)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		v.byGroupKind[schema.GroupKind{Group: crd.Spec.Group, Kind: crd.Spec.Names.Kind}] = served
		return nil
	})
}

// newServedCRD does what crdHandler.getOrCreateServingInfoFor does per served version: the v1 schema
// converted to the internal types, its structural form with defaults pruned, the schema validators and
// the registry strategy.
func newServedCRD(crd *apiextensionsv1.CustomResourceDefinition) (*servedCRD, error) {
	s := &servedCRD{name: crd.Name, namespaced: crd.Spec.Scope == apiextensionsv1.NamespaceScoped,
		preserveUnknownFields: crd.Spec.PreserveUnknownFields, versions: map[string]*servedVersion{}}
	for _, ver := range crd.Spec.Versions {
		if !ver.Served {
			continue
		}
		fail := func(err error) (*servedCRD, error) {
			return nil, fmt.Errorf("CRD %s version %s: %w", crd.Name, ver.Name, err)
		}
		validation, err := apihelpers.GetSchemaForVersion(crd, ver.Name)
		if err != nil {
			return fail(err)
		}
		var internalSchema *apiextensions.JSONSchemaProps
		var structural *structuralschema.Structural
		if validation != nil {
			internal := &apiextensions.CustomResourceValidation{}
			if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(validation, internal, nil); err != nil {
				return fail(err)
			}
			internalSchema = internal.OpenAPIV3Schema
			if structural, err = structuralschema.NewStructural(internalSchema); err != nil && !s.preserveUnknownFields {
				return fail(fmt.Errorf("schema is not structural: %w", err))
			}
			if !s.preserveUnknownFields {
				structural = structural.DeepCopy()
				if err := structuraldefaulting.PruneDefaults(structural); err != nil {
					return fail(err)
				}
			}
		}
		schemaValidator, _, err := apiservervalidation.NewSchemaValidator(internalSchema)
		if err != nil {
			return fail(err)
		}
		subresources, err := apihelpers.GetSubresourcesForVersion(crd, ver.Name)
		if err != nil {
			return fail(err)
		}
		var status *apiextensions.CustomResourceSubresourceStatus
		var statusValidator apiservervalidation.SchemaValidator
		var scale *apiextensions.CustomResourceSubresourceScale
		if subresources != nil && subresources.Status != nil {
			status = &apiextensions.CustomResourceSubresourceStatus{}
			if internalSchema != nil {
				if statusSchema, ok := internalSchema.Properties["status"]; ok {
					if statusValidator, _, err = apiservervalidation.NewSchemaValidator(&statusSchema); err != nil {
						return fail(err)
					}
				}
			}
		}
		if subresources != nil && subresources.Scale != nil {
			scale = &apiextensions.CustomResourceSubresourceScale{}
			if err := apiextensionsv1.Convert_v1_CustomResourceSubresourceScale_To_apiextensions_CustomResourceSubresourceScale(subresources.Scale, scale, nil); err != nil {
				return fail(err)
			}
		}
		gvk := schema.GroupVersionKind{Group: crd.Spec.Group, Version: ver.Name, Kind: crd.Spec.Names.Kind}
		// The typer is only used to answer requests, never by Validate.
		strategy := customresource.NewStrategy(nil, s.namespaced, gvk, schemaValidator, statusValidator,
			structural, status, scale, ver.SelectableFields)
		s.versions[ver.Name] = &servedVersion{structural: structural, strategy: strategy}
	}
	return s, nil
}

// check returns the object as Invalid when a CRD of the folder serves it and the apiserver would
// refuse it or drop some of its fields; namespace is the one it is read into. An object with only a
// generateName is named by it (the name the apiserver would make from it is random).
func (v *crdValidator) check(raw []byte, h header, namespace string) *Invalid {
	crd, errs := v.validate(raw, h.APIVersion, h.Kind)
	if len(errs) == 0 {
		return nil
	}
	if !crd.namespaced {
		namespace = ""
	}
	name := h.Metadata.Name
	if name == "" {
		name = h.Metadata.GenerateName
	}
	return &Invalid{Kind: h.Kind, Namespace: namespace, Name: name, Errors: errs}
}

// validate checks one object read from a file (raw JSON). crd is nil when no CRD of the folder
// serves its group and kind; errs is empty when the apiserver would store it unchanged.
func (v *crdValidator) validate(raw []byte, apiVersion, kind string) (crd *servedCRD, errs []string) {
	gv, err := schema.ParseGroupVersion(apiVersion)
	if err != nil {
		return nil, nil
	}
	crd = v.byGroupKind[schema.GroupKind{Group: gv.Group, Kind: kind}]
	if crd == nil {
		return nil, nil
	}
	ver := crd.versions[gv.Version]
	if ver == nil {
		return crd, []string{fmt.Sprintf("apiVersion: Unsupported value: %q: version %q is not served by CRD %s (served: %s)",
			apiVersion, gv.Version, crd.name, strings.Join(crd.servedVersions(), ", "))}
	}
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(raw); err != nil {
		return crd, []string{err.Error()}
	}
	unknown, err := ver.coerce(u, crd.preserveUnknownFields)
	if err != nil { // the request would be refused while decoding
		return crd, []string{err.Error()}
	}
	for _, path := range unknown {
		errs = append(errs, fmt.Sprintf("unknown field %q would be dropped by the API server", path))
	}
	if ver.structural != nil {
		structuraldefaulting.Default(u.Object, ver.structural) // what the decoder's defaulter does next
	}
	crd.fillRequestMeta(u, ver.strategy)
	for _, e := range ver.strategy.Validate(context.Background(), u) {
		errs = append(errs, e.Error())
	}
	return crd, errs
}

// coerce is the apiserver's unstructuredSchemaCoercer.apply for a request body (strict decoding, so
// the paths of unknown fields are returned): ObjectMeta decoded strictly, unknown fields pruned,
// nulls of non-nullable fields without default dropped, embedded ObjectMeta coerced.
func (ver *servedVersion) coerce(u *unstructured.Unstructured, preserveUnknownFields bool) ([]string, error) {
	kind, apiVersion := u.GetKind(), u.GetAPIVersion()
	objectMeta, foundObjectMeta, unknown, err := schemaobjectmeta.GetObjectMetaWithOptions(u.Object,
		schemaobjectmeta.ObjectMetaOptions{ReturnUnknownFieldPaths: true})
	if err != nil {
		return nil, err
	}
	if !preserveUnknownFields {
		unknown = append(unknown, structuralpruning.PruneWithOptions(u.Object, ver.structural, true,
			structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
		structuraldefaulting.PruneNonNullableNullsWithoutDefaults(u.Object, ver.structural)
	}
	fieldErr, paths := schemaobjectmeta.CoerceWithOptions(nil, u.Object, ver.structural, false,
		schemaobjectmeta.CoerceOptions{ReturnUnknownFieldPaths: true})
	if fieldErr != nil {
		return nil, fieldErr
	}
	unknown = append(unknown, paths...)
	u.SetKind(kind)
	u.SetAPIVersion(apiVersion)
	if foundObjectMeta {
		if err := schemaobjectmeta.SetObjectMeta(u.Object, objectMeta); err != nil {
			return nil, err
		}
	}
	return unknown, nil
}

// fillRequestMeta does what rest.BeforeCreate does to metadata before validating, status left in
// place (a status update validates the whole object): a namespaced object without namespace gets the
// request's (here `default`, as for the plugin view), a cluster-scoped one loses it, and a generateName
// without name becomes a name.
func (crd *servedCRD) fillRequestMeta(u *unstructured.Unstructured, strategy customResourceStrategy) {
	if !crd.namespaced {
		u.SetNamespace("")
	} else if u.GetNamespace() == "" {
		u.SetNamespace("default")
	}
	if u.GetName() == "" && u.GetGenerateName() != "" {
		u.SetName(strategy.GenerateName(u.GetGenerateName()))
	}
}

func (crd *servedCRD) servedVersions() []string {
	names := make([]string, 0, len(crd.versions))
	for name := range crd.versions {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
